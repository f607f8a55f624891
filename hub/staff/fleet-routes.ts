// The fleet's staff pages under /staff (docs/staff.md): the dashboard of kiosks, commands to kiosks through the sync
// command stream, the schedule of presentations (synced presentation_schedule records), and the log of staff actions
// at the kiosks. Registered by routes.ts inside the staff plugin: the same session check, CSRF check, headers, CSP and
// error pages apply.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { HubStore, StaffSession } from '../store/hub-store';
import {
  checkCommandForm,
  checkScheduleForm,
  deliveries,
  emptyCommandForm,
  emptyScheduleForm,
  fleetCatalog,
  playlistChoices,
  scheduleEntries,
  targetChoices,
  type CommandFormValues,
  type ScheduleFormValues,
  type Text,
} from './fleet';
import { actionsPage, commandsPage, kiosksPage, schedulePage } from './fleet-pages';
import type { Html } from './html';

export type FleetRoutesContext = {
  store: HubStore;
  now: () => number;
  currentSession: (request: FastifyRequest, options?: { touch?: boolean }) => Promise<StaffSession | null>;
  /** The session of a POST whose form carries its CSRF token; otherwise the refusal (403) is sent and null returned. */
  postingSession: (request: FastifyRequest, reply: FastifyReply, csrf: string | undefined) => Promise<StaffSession | null>;
  sendPage: (reply: FastifyReply, page: Html, status?: number) => FastifyReply;
  badForm: (reply: FastifyReply) => FastifyReply;
  /** Wakes the kiosks' watch requests: a command or a schedule change is waiting for them. */
  notify: () => void;
  log?: (line: string) => void;
};

/** The commands page lists this many, newest first. */
export const recentCommandCount = 50;
/** The staff action log shows this many, newest first. */
export const staffActionPageSize = 300;

const field = z.string().max(2000).optional();
const csrfForm = z.object({ csrf: z.string().max(200).optional() });
const commandForm = csrfForm.extend({ target: field, kind: field, playlist: field, interval: field, ru: field, en: field, minutes: field, valid: field });
const scheduleForm = csrfForm.extend({ zone: field, session: field, starts: field, ends: field, playlist: field, interval: field });
const deleteForm = csrfForm.extend({ id: z.string().min(1).max(200) });

const notices = {
  sent: 'Команда отправлена; киоски получат её при следующей синхронизации. / The command is sent; kiosks receive it at their next sync.',
  added: 'Добавлено в расписание; киоски получат его при следующей синхронизации. / Added to the schedule; kiosks receive it at their next sync.',
  deleted: 'Удалено из расписания. / Removed from the schedule.',
  not_found: 'Такой записи уже нет. / No such entry any more.',
} as const;
const noticeFor = (request: FastifyRequest): string | null => {
  const notice = (request.query as Record<string, unknown>).notice;
  return typeof notice === 'string' && Object.prototype.hasOwnProperty.call(notices, notice) ? notices[notice as keyof typeof notices] : null;
};

export function registerFleetPages(staff: FastifyInstance, context: FleetRoutesContext): void {
  const { store, now, currentSession, postingSession, sendPage, badForm } = context;
  const toLogin = (reply: FastifyReply) => reply.redirect('/staff/login?m=session_ended', 303);

  // ---- the dashboard ----

  staff.get('/kiosks', async (request, reply) => {
    // `?auto=1` is the page's own refresh, not staff at work: it does not restart the session's idle clock.
    const auto = (request.query as Record<string, unknown>).auto === '1';
    const session = await currentSession(request, { touch: !auto });
    if (!session) return toLogin(reply);
    const [devices, catalog] = await Promise.all([store.listDevices(), fleetCatalog(store)]);
    return sendPage(reply, kiosksPage(session, { devices, catalog, now: now() }));
  });

  // ---- commands ----

  async function showCommands(reply: FastifyReply, session: StaffSession, state: { values?: CommandFormValues; errors?: Text[]; notice?: string | null }, status = 200) {
    const [devices, catalog, statuses] = await Promise.all([store.listDevices(), fleetCatalog(store), store.commandStatus(recentCommandCount)]);
    const at = now();
    return sendPage(
      reply,
      commandsPage(session, {
        values: state.values ?? emptyCommandForm,
        errors: state.errors ?? [],
        notice: state.notice ?? null,
        targets: targetChoices(devices, catalog),
        playlists: playlistChoices(catalog),
        recent: statuses.map((s) => ({ status: s, deliveries: deliveries(s, devices, at) })),
        devices,
        catalog,
        now: at,
      }),
      status,
    );
  }

  staff.get('/commands', async (request, reply) => {
    const session = await currentSession(request);
    if (!session) return toLogin(reply);
    return showCommands(reply, session, { notice: noticeFor(request) });
  });

  staff.post('/commands', async (request, reply) => {
    const raw = csrfForm.safeParse(request.body);
    if (!raw.success) return badForm(reply);
    const session = await postingSession(request, reply, raw.data.csrf);
    if (!session) return reply;
    const form = commandForm.safeParse(request.body);
    if (!form.success) return badForm(reply);
    const values: CommandFormValues = { ...emptyCommandForm, ...Object.fromEntries(Object.entries(form.data).filter(([key, value]) => key !== 'csrf' && value !== undefined)) };
    const [devices, catalog] = await Promise.all([store.listDevices(), fleetCatalog(store)]);
    const checked = checkCommandForm(values, devices, catalog);
    if (!checked.ok) return showCommands(reply, session, { values, errors: checked.errors }, 400);
    const at = now();
    const { command } = checked;
    const id = await store.addCommand({ target: command.target, kind: command.kind, payload: command.payload, expiresAt: at + command.validMinutes * 60_000, issuedBy: session.login }, at);
    context.notify();
    context.log?.(`[hub] staff ${session.login} sent command ${id} (${command.kind}) to ${command.target}, valid ${command.validMinutes} min`);
    return reply.redirect('/staff/commands?notice=sent', 303);
  });

  // ---- the schedule ----

  async function showSchedule(reply: FastifyReply, session: StaffSession, state: { values?: ScheduleFormValues; errors?: Text[]; notice?: string | null }, status = 200) {
    const catalog = await fleetCatalog(store);
    return sendPage(
      reply,
      schedulePage(session, {
        values: state.values ?? emptyScheduleForm,
        errors: state.errors ?? [],
        notice: state.notice ?? null,
        entries: await scheduleEntries(store, catalog),
        playlists: playlistChoices(catalog),
        catalog,
      }),
      status,
    );
  }

  staff.get('/schedule', async (request, reply) => {
    const session = await currentSession(request);
    if (!session) return toLogin(reply);
    return showSchedule(reply, session, { notice: noticeFor(request) });
  });

  staff.post('/schedule', async (request, reply) => {
    const raw = csrfForm.safeParse(request.body);
    if (!raw.success) return badForm(reply);
    const session = await postingSession(request, reply, raw.data.csrf);
    if (!session) return reply;
    const form = scheduleForm.safeParse(request.body);
    if (!form.success) return badForm(reply);
    const values: ScheduleFormValues = { ...emptyScheduleForm, ...Object.fromEntries(Object.entries(form.data).filter(([key, value]) => key !== 'csrf' && value !== undefined)) };
    const checked = checkScheduleForm(values, await fleetCatalog(store));
    if (!checked.ok) return showSchedule(reply, session, { values, errors: checked.errors }, 400);
    const id = String(checked.row.id);
    await store.writeRecords([{ table: 'presentation_schedule', key: JSON.stringify([id]), row: checked.row }], now());
    context.notify();
    context.log?.(`[hub] staff ${session.login} added schedule entry ${id}`);
    return reply.redirect('/staff/schedule?notice=added', 303);
  });

  staff.post('/schedule/delete', async (request, reply) => {
    const raw = csrfForm.safeParse(request.body);
    if (!raw.success) return badForm(reply);
    const session = await postingSession(request, reply, raw.data.csrf);
    if (!session) return reply;
    const form = deleteForm.safeParse(request.body);
    if (!form.success) return badForm(reply);
    const key = JSON.stringify([form.data.id]);
    if (!(await store.getRecord('presentation_schedule', key))?.row) return reply.redirect('/staff/schedule?notice=not_found', 303);
    // A tombstone: kiosks drop the entry at their next pull.
    await store.writeRecords([{ table: 'presentation_schedule', key, row: null }], now());
    context.notify();
    context.log?.(`[hub] staff ${session.login} deleted schedule entry ${form.data.id}`);
    return reply.redirect('/staff/schedule?notice=deleted', 303);
  });

  // ---- the staff action log ----

  staff.get('/actions', async (request, reply) => {
    const session = await currentSession(request);
    if (!session) return toLogin(reply);
    const [actions, catalog] = await Promise.all([store.staffActions(staffActionPageSize), fleetCatalog(store)]);
    return sendPage(reply, actionsPage(session, { actions, catalog, limit: staffActionPageSize }));
  });
}
