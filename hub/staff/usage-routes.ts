// The organizers' usage statistics under /staff: the page, its CSV and XLSX exports, and the two scripts that draw its
// charts (Chart.js from node_modules, and ours). Registered by routes.ts inside the staff plugin, so the same session
// check, headers and error pages apply; only the page itself gets a CSP that lets the hub's own scripts run.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubStore, StaffSession } from '../store/hub-store';
import { isCalendarDay, localDayBounds, forumTimeZone, usageDays, usageExportRows, usageSummary } from '../usage';
import type { Html } from './html';
import { messagePage } from './pages';
import chartScript from './usage-charts.js?raw';
import { usageCsv, usageXlsx } from './usage-export';
import { chartLibraryPath, chartScriptPath, usagePage } from './usage-page';

/**
 * The staff pages' CSP plus scripts from the hub itself: no inline script (the figures travel in a JSON data block,
 * which is not run), no eval, no other origin.
 */
export const usageCsp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export type UsageRoutesContext = {
  store: HubStore;
  currentSession: (request: FastifyRequest) => Promise<StaffSession | null>;
  sendPage: (reply: FastifyReply, page: Html, status?: number) => FastifyReply;
  log?: (line: string) => void;
};

/** Where Chart.js's browser build lies: beside the package's CommonJS entry, whichever node_modules holds it. */
export function chartLibraryFile(): string {
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
}

const javascript = 'text/javascript; charset=utf-8';

export function registerUsagePages(staff: FastifyInstance, context: UsageRoutesContext): void {
  const { store, currentSession, sendPage } = context;

  /** The ?day= of a request: null for all days, a calendar day, or undefined for anything else (refused). */
  function chosenDay(request: FastifyRequest): string | null | undefined {
    const day = (request.query as Record<string, unknown>).day;
    if (day === undefined || day === '' || day === 'all') return null;
    return typeof day === 'string' && isCalendarDay(day) ? day : undefined;
  }

  /** The UTC hour range of the counts of a local forum day (all counts for null). */
  async function filterFor(day: string | null): Promise<{ fromHour?: string; toHour?: string }> {
    return day === null ? {} : localDayBounds(day, await forumTimeZone(store));
  }

  const badDay = (reply: FastifyReply) => sendPage(reply, messagePage('Неверный запрос / Bad request', 'Такого дня нет. / No such day.'), 400);

  staff.get('/usage', async (request, reply) => {
    const session = await currentSession(request);
    if (!session) return reply.redirect('/staff/login?m=session_ended', 303);
    const day = chosenDay(request);
    if (day === undefined) return badDay(reply);
    const [summary, days] = await Promise.all([usageSummary(store, await filterFor(day)), usageDays(store)]);
    reply.header('content-security-policy', usageCsp);
    return sendPage(reply, usagePage(session, { summary, days, day }));
  });

  async function exportFile(request: FastifyRequest, reply: FastifyReply, kind: 'csv' | 'xlsx') {
    const session = await currentSession(request);
    if (!session) return reply.redirect('/staff/login?m=session_ended', 303);
    const day = chosenDay(request);
    if (day === undefined) return badDay(reply);
    const { timeZone, rows } = await usageExportRows(store, await filterFor(day));
    const name = `usage-${day ?? 'all'}.${kind}`;
    reply.header('content-disposition', `attachment; filename="${name}"`);
    if (kind === 'csv') return reply.type('text/csv; charset=utf-8').send(usageCsv(timeZone, rows));
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await usageXlsx(timeZone, rows));
  }

  staff.get('/usage.csv', (request, reply) => exportFile(request, reply, 'csv'));
  staff.get('/usage.xlsx', (request, reply) => exportFile(request, reply, 'xlsx'));

  // The scripts hold no data, so like the style sheet they need no session.
  staff.get(chartScriptPath.slice('/staff'.length), async (_request, reply) => reply.type(javascript).send(chartScript));

  let chartLibrary: Promise<Buffer> | null = null;
  staff.get(chartLibraryPath.slice('/staff'.length), async (_request, reply) => {
    chartLibrary ??= readFile(chartLibraryFile());
    try {
      return reply.type(javascript).send(await chartLibrary);
    } catch (error) {
      // Without the library the page still shows every figure in its tables; say why the charts are missing.
      chartLibrary = null;
      context.log?.(`[hub] Chart.js not found (run npm install): ${error instanceof Error ? error.message : String(error)}`);
      return sendPage(reply, messagePage('Не найдено / Not found', 'Библиотека графиков не установлена. / The chart library is not installed.'), 404);
    }
  });
}
