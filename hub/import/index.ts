// Content import from the organizers' spreadsheets: one .xlsx workbook (a sheet per kind of content) or a folder of
// .csv files (one per sheet), plus a folder of images matched by file name. See docs/import.md.
//
// Everything is read and checked before anything is written: a dry run reports every bad row, and a real import
// writes all rows in one store transaction or nothing. Rows that did not change are not written again, so
// importing the same file twice changes nothing and kiosks download only what changed.
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { removeStaleCredentials } from '../catalog';
import { catalogTableNames, type CatalogTable } from '../../db/sync-tables';
import type { HubStore } from '../store/hub-store';
import { isTimeZone } from './cells';
import { ImageFolder, readImage } from './images';
import { Problems, parseSheets } from './parse';
import { hubCatalog, planImport } from './plan';
import { readCsvFile, readCsvFolder } from './read-csv';
import { readWorkbook } from './read-xlsx';
import { defaultLimits, ImportFileError, type ImportLimits, type ImportReport, type RawSheet, type TableCounts, type Text2 } from './types';

export type { ImportProblem, ImportReport, ImportLimits, TableCounts } from './types';
export { sheetDefs } from './sheets';

export type ImportOptions = {
  /** The images folder; by default an `images` folder beside the workbook or inside the CSV folder, if there is one. */
  images?: string;
  /** Check and report only; write nothing. */
  dryRun?: boolean;
  /** Make every table authoritative: tables the import has no sheet for are emptied. */
  replaceAll?: boolean;
  now?: number;
  limits?: Partial<ImportLimits>;
};

const emptyCounts = (): Record<CatalogTable, TableCounts> =>
  Object.fromEntries(catalogTableNames.map((t) => [t, { add: 0, change: 0, delete: 0, unchanged: 0 }])) as Record<CatalogTable, TableCounts>;

/** Reads, checks and (unless a dry run, and only if every row is good) applies an import. Never throws for bad input. */
export async function importCatalog(store: HubStore, source: string, options: ImportOptions = {}): Promise<ImportReport> {
  const limits: ImportLimits = { ...defaultLimits, ...options.limits };
  const now = options.now ?? Date.now();
  const problems = new Problems(limits.maxProblems);
  const notes: Text2[] = [];
  const report: ImportReport = {
    source: resolve(source),
    dryRun: options.dryRun ?? false,
    replaceAll: options.replaceAll ?? false,
    applied: false,
    sheets: [],
    problems: problems.list,
    problemCount: 0,
    counts: emptyCounts(),
    images: { referenced: 0, new: 0 },
    notes,
    headSeq: (await store.meta()).headSeq,
    changed: 0,
  };
  try {
    const { sheets, imagesDir } = await readSource(source, options.images, limits, notes);
    const images = new ImageFolder(imagesDir, limits);
    const hub = await hubCatalog(store);
    const hubZone = [...(hub.get('forum')?.values() ?? [])].map((row) => row.timezone).find((z): z is string => typeof z === 'string' && isTimeZone(z));
    const parsed = parseSheets(sheets, { problems, images, hubTimeZone: hubZone ?? null, notes });
    report.sheets = [...parsed.present.values()].map(({ def, name, rows }) => ({ sheet: name, table: def.tables.join(', ') || 'media (alt texts)', rows }));
    const plan = planImport(hub, parsed, problems, { replaceAll: report.replaceAll });
    report.counts = plan.counts;
    report.images = { referenced: plan.referencedImages, new: plan.counts.media.add };
    demoNotes(report, plan, notes);

    if (problems.count === 0 && !report.dryRun) {
      for (const image of plan.images) {
        if ((await store.mediaFile(image.sha256)) === null) await store.putMedia(readImage(image), image.mime, now);
      }
      const result = await store.writeRecords(plan.writes, now);
      const removed = await removeStaleCredentials(store, now);
      if (removed.length > 0) {
        notes.push({
          en: `PINs removed (exhibitor or staff account gone, or a demo login on real content): ${removed.join(', ')}`,
          ru: `Удалены PIN-коды (экспонента или учётной записи персонала больше нет, или это демо-вход при настоящих данных): ${removed.join(', ')}`,
        });
      }
      report.applied = true;
      report.changed = result.changed;
      report.headSeq = result.headSeq;
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    problems.add(error.sheet, null, null, error.text);
  }
  report.problemCount = problems.count;
  return report;
}

async function readSource(source: string, images: string | undefined, limits: ImportLimits, notes: Text2[]): Promise<{ sheets: RawSheet[]; imagesDir: string | null }> {
  const path = resolve(source);
  if (!existsSync(path)) throw new ImportFileError({ en: `${path} does not exist.`, ru: `${path} не существует.` });
  let imagesDir: string | null = null;
  if (images !== undefined) {
    imagesDir = resolve(images);
    if (!existsSync(imagesDir) || !statSync(imagesDir).isDirectory()) {
      throw new ImportFileError({ en: `The images folder ${imagesDir} does not exist.`, ru: `Папки изображений ${imagesDir} нет.` });
    }
  }
  const isFolder = statSync(path).isDirectory();
  if (imagesDir === null) {
    const beside = join(isFolder ? path : dirname(path), 'images');
    if (existsSync(beside) && statSync(beside).isDirectory()) imagesDir = beside;
  }
  try {
    if (isFolder || extname(path).toLowerCase() === '.csv') {
      const sheets = isFolder ? readCsvFolder(path, limits) : [readCsvFile(path, limits)];
      for (const sheet of sheets) if (sheet.note) notes.push({ en: `${sheet.name}.csv: ${sheet.note.en}`, ru: `${sheet.name}.csv: ${sheet.note.ru}` });
      return { sheets, imagesDir };
    }
    return { sheets: await readWorkbook(path, limits), imagesDir };
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImportFileError({ en: `${path} cannot be read: ${detail}`, ru: `${path} не удаётся прочитать: ${detail}` });
  }
}

function demoNotes(report: ImportReport, plan: ReturnType<typeof planImport>, notes: Text2[]): void {
  if (!plan.hubForumIsDemo) return;
  if (!plan.authoritative.has('forum')) {
    notes.push({
      en: 'The hub still holds the demo forum: add a forum sheet so that kiosks show your forum’s name and dates, not the demo’s.',
      ru: 'На хабе всё ещё демонстрационный форум: добавьте лист forum, чтобы киоски показывали название и даты вашего форума.',
    });
  }
  const kept = [...plan.kept].filter(([table, n]) => n > 0 && table !== 'media' && table !== 'forum');
  if (plan.authoritative.has('forum') && !report.replaceAll && kept.length > 0) {
    const list = kept.map(([table, n]) => `${table} ${n}`).join(', ');
    notes.push({
      en: `The hub started with the demo forum. Tables this import has no sheet for keep their rows (demo content, unless replaced before): ${list}. Add those sheets, or use --replace-all to empty them.`,
      ru: `Хаб начинал с демонстрационного форума. Таблицы, для которых в загрузке нет листа, сохраняют свои строки (демо, если их не заменяли): ${list}. Добавьте эти листы или используйте --replace-all, чтобы их очистить.`,
    });
  }
}

/** The report as text for a person at the hub's console. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  const mode = report.dryRun ? 'dry run, nothing is written' : 'import';
  lines.push(`Import from ${report.source} (${mode}${report.replaceAll ? ', --replace-all' : ''})`);
  if (report.sheets.length > 0) lines.push('Sheets:', ...report.sheets.map((s) => `  ${s.sheet} → ${s.table}: ${s.rows} row(s)`));
  lines.push(`Images: ${report.images.referenced} in use by the catalog, ${report.images.new} new`);
  for (const note of report.notes) lines.push(`Note: ${note.en}\n      ${note.ru}`);
  if (report.problemCount > 0) {
    lines.push('', `${report.problemCount} problem(s); nothing was applied / ошибок: ${report.problemCount}, ничего не загружено:`);
    for (const p of report.problems) {
      const where = [p.sheet || 'file', p.line !== null ? `line ${p.line}` : null, p.column].filter(Boolean).join(', ');
      lines.push(`  ${where}: ${p.reason}`, `      ${p.reason_ru}`);
    }
    if (report.problemCount > report.problems.length) lines.push(`  … and ${report.problemCount - report.problems.length} more`);
  }
  const changedTables = catalogTableNames.filter((t) => {
    const c = report.counts[t];
    return c.add + c.change + c.delete + c.unchanged > 0;
  });
  if (changedTables.length > 0) {
    const title = report.applied
      ? 'Rows written:'
      : report.problemCount > 0
        ? 'Rows an import would write once the problems are fixed (nothing was written):'
        : 'Rows an import would write:';
    lines.push('', title, `${'table'.padEnd(20)}${'add'.padStart(8)}${'change'.padStart(8)}${'delete'.padStart(8)}${'same'.padStart(8)}`);
    for (const t of changedTables) {
      const c = report.counts[t];
      lines.push(`${t.padEnd(20)}${String(c.add).padStart(8)}${String(c.change).padStart(8)}${String(c.delete).padStart(8)}${String(c.unchanged).padStart(8)}`);
    }
  }
  lines.push('');
  if (report.applied) lines.push(`Applied: ${report.changed} row(s) changed; hub sequence now ${report.headSeq}. Kiosks pick the changes up at their next sync.`);
  else if (report.problemCount === 0 && report.dryRun) lines.push('Dry run: no problems found. Run again without --dry-run to apply.');
  return lines.join('\n');
}
