// The staff pages as HTML, Russian first with English alongside. Pure functions of what they show: every value goes
// through `html`, which escapes it, so an exhibitor's "<script>" is shown as those characters and never runs. The pages
// use no script, and only the hub's own style sheet (the CSP in routes.ts allows nothing else); the one exception is
// the usage page's charts, drawn by the hub's own script files (usage-page.ts, usage-routes.ts).
import type { WireRow } from '../../db/sync-tables';
import { maxReviewReasonLength, type PendingReview } from '../store/hub-store';
import { html, type Html, type HtmlValue } from './html';
import { maxPasswordLength } from './password';

/** Who is signed in, and the token each of their forms carries. */
export type PageSession = { login: string; csrfToken: string };

export const csrfField = (token: string): Html => html`<input type="hidden" name="csrf" value="${token}">`;

/**
 * The frame of every staff page. `scripts` are addresses of the hub's own script files (only the usage page has any,
 * and only its CSP allows them); they run after the page is parsed, in order.
 */
export function layout(title: string, session: PageSession | null, body: Html | Html[], scripts: readonly string[] = [], head: Html | null = null): Html {
  return html`<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}<title>${title} — хаб / hub</title>
<link rel="stylesheet" href="/staff/staff.css">
</head>
<body>
<header>
<strong>Хаб киосков / Kiosk hub</strong>
${session
  ? html`<nav><a href="/staff/kiosks">Киоски / Kiosks</a> <a href="/staff/commands">Команды / Commands</a> <a href="/staff/schedule">Расписание / Schedule</a> <a href="/staff/actions">Действия персонала / Staff actions</a> <a href="/staff/reviews">Проверка правок / Review of edits</a> <a href="/staff/usage">Статистика / Usage</a> <a href="/staff/settings">Настройки / Settings</a></nav>
<form method="post" action="/staff/logout" class="logout">${csrfField(session.csrfToken)}<span>${session.login}</span> <button type="submit">Выйти / Log out</button></form>`
  : null}
</header>
<main>
${body}
</main>
${scripts.map((src) => html`<script src="${src}" defer></script>
`)}</body>
</html>
`;
}

// ---- login ----------------------------------------------------------------------------------------------

export type LoginPageState = {
  /** No staff account exists yet: the page says how to create one instead of showing a form. */
  noAccounts: boolean;
  csrfToken: string;
  login?: string;
  error?: 'wrong' | 'wait' | 'busy' | 'expired_form' | 'signed_out' | 'session_ended';
  /** Seconds until the next attempt is allowed (with 'wait', or after a wrong password that started a delay). */
  waitSeconds?: number;
};

const loginMessages: Record<NonNullable<LoginPageState['error']>, string> = {
  wrong: 'Неверный логин или пароль. / Wrong login or password.',
  wait: 'Слишком много неверных попыток. / Too many wrong attempts.',
  busy: 'Хаб сейчас проверяет много входов; попробуйте через пару секунд. / The hub is checking many logins right now; try again in a few seconds.',
  expired_form: 'Форма устарела, попробуйте ещё раз. / The form has expired; please try again.',
  signed_out: 'Вы вышли. / You have logged out.',
  session_ended: 'Сессия закончилась, войдите снова. / Your session has ended; please log in again.',
};

export function loginPage(state: LoginPageState): Html {
  if (state.noAccounts) {
    return layout('Вход / Log in', null, html`<h1>Вход для персонала / Staff login</h1>
<p>Учётных записей персонала ещё нет. Создайте первую на компьютере хаба:</p>
<p>No staff account exists yet. Create the first one on the hub computer:</p>
<pre>npm run hub -- staff-add &lt;логин / login&gt;</pre>
<p>Команда один раз покажет сгенерированный пароль (или примет свой с <code>--password-stdin</code>). Пароля по умолчанию нет.</p>
<p>The command shows a generated password once (or takes your own with <code>--password-stdin</code>). There is no default password.</p>`);
  }
  const wait = state.waitSeconds && state.waitSeconds > 0
    ? html`<p class="notice">Следующая попытка через ${state.waitSeconds} с. / Next attempt in ${state.waitSeconds} s.</p>`
    : null;
  return layout('Вход / Log in', null, html`<h1>Вход для персонала / Staff login</h1>
${state.error ? html`<p class="${state.error === 'signed_out' ? 'notice' : 'error'}" role="alert">${loginMessages[state.error]}</p>` : null}
${wait}
<form method="post" action="/staff/login" class="login">
${csrfField(state.csrfToken)}
<label>Логин / Login <input name="login" autocomplete="username" required maxlength="40" value="${state.login ?? ''}"></label>
<label>Пароль / Password <input name="password" type="password" autocomplete="current-password" required maxlength="${maxPasswordLength}"></label>
<button type="submit">Войти / Log in</button>
</form>`);
}

/** A short page for refusals (403, 404, 400) and errors. */
export function messagePage(title: string, text: string, session: PageSession | null = null): Html {
  return layout(title, session, html`<h1>${title}</h1><p>${text}</p><p><a href="/staff/kiosks">Киоски / Kiosks</a> · <a href="/staff/login">Вход / Log in</a></p>`);
}

export function logoutPage(session: PageSession): Html {
  return layout('Выход / Log out', session, html`<h1>Выход / Log out</h1>
<form method="post" action="/staff/logout">${csrfField(session.csrfToken)}<button type="submit">Выйти / Log out</button></form>`);
}

// ---- review ---------------------------------------------------------------------------------------------

export type ReviewNotice =
  | 'approved'
  | 'approved_partly'
  | 'approval_conflict'
  | 'approval_refused'
  | 'rejected'
  | 'not_found'
  | 'already_decided'
  | 'reason_required'
  | 'reason_too_long'
  | 'invalid_characters';

const reviewNotices: Record<ReviewNotice, { text: string; error?: true }> = {
  approved: { text: 'Правка одобрена и уже на киосках. / The edit is approved and on its way to the kiosks.' },
  approved_partly: {
    text: 'Одобрено частично: некоторые поля изменились раньше, в них осталось текущее значение. / Approved in part: some fields had been changed meanwhile and keep their current value.',
  },
  approval_conflict: {
    text: 'Не применено: все поля изменились раньше. Экспонент увидит отказ «конфликт». / Not applied: every field had been changed meanwhile. The exhibitor will see it rejected as a conflict.',
    error: true,
  },
  approval_refused: {
    text: 'Не применено: строка удалена или сменила владельца. Экспонент увидит отказ. / Not applied: the row was deleted or changed owner. The exhibitor will see it rejected.',
    error: true,
  },
  rejected: { text: 'Правка отклонена; экспонент увидит причину. / The edit is rejected; the exhibitor will see the reason.' },
  not_found: { text: 'Такой правки нет. / No such edit.', error: true },
  already_decided: { text: 'Эта правка уже рассмотрена. / This edit has already been decided.', error: true },
  reason_required: { text: 'Чтобы отклонить, укажите причину. / To reject, give a reason.', error: true },
  reason_too_long: { text: `Причина — не длиннее ${maxReviewReasonLength} знаков. / A reason has at most ${maxReviewReasonLength} characters.`, error: true },
  invalid_characters: {
    text: 'В причине недопустимые символы (переводы строк, управляющие символы). / The reason contains characters that are not allowed (line breaks, control characters).',
    error: true,
  },
};

export const isReviewNotice = (value: unknown): value is ReviewNotice => typeof value === 'string' && Object.prototype.hasOwnProperty.call(reviewNotices, value);

const tableLabels: Record<string, string> = { exhibitors: 'Стенд / Booth entry', projects: 'Проект / Project' };

const fieldLabels: Record<string, string> = {
  about: 'О компании / About',
  hours: 'Часы работы стенда / Booth hours',
  today: 'Сегодня на стенде / Today at the booth',
  contact_name: 'Контактное лицо / Contact person',
  phone: 'Телефон / Phone',
  email: 'Эл. почта / Email',
  website: 'Сайт / Website',
  title: 'Название / Title',
  summary: 'Кратко / Summary',
  description: 'Описание / Description',
  visiting: 'Посещение / Visiting',
  cover_sha256: 'Обложка (фото проекта) / Cover (project photo)',
  hidden: 'Скрыт от посетителей / Hidden from visitors',
};

function fieldLabel(field: string): string {
  const language = /_(ru|en)$/.exec(field)?.[1];
  const base = language ? field.slice(0, -3) : field;
  const label = fieldLabels[base] ?? field;
  return language === 'ru' ? `${label} (рус. / Russian)` : language === 'en' ? `${label} (англ. / English)` : label;
}

function valueText(field: string, value: unknown): Html {
  if (value === null || value === undefined || value === '') return html`<span class="empty">(пусто / empty)</span>`;
  if (field === 'hidden') return html`${value === 1 ? 'да / yes' : 'нет / no'}`;
  return html`<span class="text">${typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value)}</span>`;
}

const formatTime = (ms: number): string => new Date(ms).toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'medium' });

type Changes = Record<string, { from?: unknown; to?: unknown }>;

function reviewItem(review: PendingReview, csrfToken: string): Html {
  const changes = (typeof review.payload.changes === 'object' && review.payload.changes !== null ? review.payload.changes : {}) as Changes;
  const current: WireRow | null = review.current;
  const rowName = current ? String(current.title_ru ?? current.name_ru ?? '') : '';
  const rows = Object.entries(changes).map(([field, change]) => {
    const now = current ? (current[field] ?? null) : undefined;
    const changedSince = current !== null && now !== (change.from ?? null) && now !== (change.to ?? null);
    return html`<tr>
<th scope="row">${fieldLabel(field)}<br><code>${field}</code></th>
<td class="old">${valueText(field, change.from)}</td>
<td class="arrow">→</td>
<td class="new">${valueText(field, change.to)}</td>
</tr>
${changedSince
  ? html`<tr class="changed"><td colspan="4">Сейчас на хабе другое значение (изменено после правки; одобрение даст конфликт) / The hub now has another value (changed since this edit; approving will conflict): ${valueText(field, now)}</td></tr>`
  : null}`;
  });
  return html`<article class="review">
<h2>${review.exhibitorName || review.exhibitorId} · стенд / booth ${review.booth || '—'}</h2>
<p class="meta">${tableLabels[review.table] ?? review.table}: ${rowName ? html`«${rowName}» ` : null}<code>${review.key}</code>${current ? null : html` <strong>(строка удалена / row deleted)</strong>`}<br>
${formatTime(review.createdAt)} · ${review.source === 'portal' ? 'портал / portal' : html`киоск / kiosk ${review.sourceName || review.source.replace(/^device:/, '')}`} · <code>${review.mutationId}</code></p>
<table>
<thead><tr><th>Поле / Field</th><th>Было / Was</th><th></th><th>Станет / Becomes</th></tr></thead>
<tbody>${rows}</tbody>
</table>
<div class="actions">
<form method="post" action="/staff/reviews/approve">${csrfField(csrfToken)}<input type="hidden" name="mutation" value="${review.mutationId}"><button type="submit" class="approve">Одобрить / Approve</button></form>
<form method="post" action="/staff/reviews/reject">${csrfField(csrfToken)}<input type="hidden" name="mutation" value="${review.mutationId}">
<label>Причина отказа / Reason <input name="reason" required maxlength="${maxReviewReasonLength}"></label>
<button type="submit" class="reject">Отклонить / Reject</button></form>
</div>
</article>`;
}

export function reviewsPage(session: PageSession, reviews: readonly PendingReview[], options: { reviewOn: boolean; notice?: ReviewNotice; limit: number }): Html {
  const notice = options.notice ? reviewNotices[options.notice] : null;
  const body: HtmlValue[] = [
    html`<h1>Проверка правок экспонентов / Review of exhibitors' edits</h1>`,
    notice ? html`<p class="${notice.error ? 'error' : 'notice'}" role="status">${notice.text}</p>` : null,
    html`<p>Проверка ${options.reviewOn ? 'включена' : 'выключена'} / Review is ${options.reviewOn ? 'on' : 'off'} (<a href="/staff/settings">изменить / change</a>).
Пока правка ждёт, посетители видят прежний текст. / While an edit waits, visitors see the approved text.</p>`,
    reviews.length === 0
      ? html`<p class="empty-queue">Нет правок на проверке. / No edits are waiting for review.</p>`
      : html`<p>На проверке / Waiting: ${reviews.length}${reviews.length >= options.limit ? '+' : ''} (сначала старые / oldest first)</p>${reviews.map((r) => reviewItem(r, session.csrfToken))}`,
  ];
  return layout('Проверка правок / Review', session, html`${body}`);
}

// ---- settings -------------------------------------------------------------------------------------------

export function settingsPage(session: PageSession, settings: { reviewOn: boolean; pending: number }, saved: boolean): Html {
  return layout('Настройки / Settings', session, html`<h1>Настройки / Settings</h1>
${saved ? html`<p class="notice" role="status">Сохранено. / Saved.</p>` : null}
<form method="post" action="/staff/settings">
${csrfField(session.csrfToken)}
<fieldset>
<legend>Проверка правок экспонентов / Review of exhibitors' edits</legend>
<label><input type="radio" name="review" value="on"${settings.reviewOn ? html` checked` : null}> Включена: правки ждут одобрения персонала / On: edits wait for staff approval</label>
<label><input type="radio" name="review" value="off"${settings.reviewOn ? null : html` checked`}> Выключена: правки сразу видны посетителям / Off: edits show to visitors at once</label>
</fieldset>
<p>Правки, которые уже ждут (${settings.pending}), остаются в очереди, пока их не рассмотрят. / Edits already waiting (${settings.pending}) stay in the queue until decided.</p>
<button type="submit">Сохранить / Save</button>
</form>`);
}
