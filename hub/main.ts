// `npm run hub`: the hub for the hall's kiosks, on a laptop at the registration desk.
//   npm run hub -- [--port N] [--host H] [--data DIR] [--no-demo]
//   npm run hub -- enroll-code [--data DIR]       a new one-time kiosk enrollment code
//   npm run hub -- revoke <kiosk-id> [--data DIR]  revokes a kiosk's credential
//   npm run hub -- backup <file> [--data DIR]      a consistent copy of the hub's database
//   npm run hub -- new-epoch [--data DIR]          after restoring a backup by hand: every kiosk rebuilds its copy
//   npm run hub -- status [--data DIR]             kiosks (from their heartbeats) and recent edit conflicts
//   npm run hub -- import <file.xlsx|folder> [--images DIR] [--dry-run] [--replace-all] [--data DIR]
//                                                  content from the organizers' spreadsheets (docs/import.md)
//   npm run hub -- exhibitor-pin <booth|id> [--pin NNNNNN]   sets or resets an exhibitor's PIN, printed once
//   npm run hub -- review on|off                   staff review of exhibitors' edits (pages at /staff)
//   npm run hub -- staff-add <login> [--password-stdin]      a staff account for /staff (password printed once)
//   npm run hub -- staff-disable <login>           disables a staff account, ends its sessions, withdraws its kiosk PIN
//   npm run hub -- staff-pin <login> [--pin NNNNNN]  sets or resets a staff member's kiosk PIN, printed once
//   npm run hub -- usage-retention <days>          how long anonymous usage counts are kept (docs/privacy.md)
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDemoIntoHub } from './catalog';
import { formatReport, importCatalog } from './import/index';
import { formatStatus } from './status';
import { describeRun, Thumbnailer, thumbnailCheckMs, updateThumbnails } from './thumbnails';
import { applyRetention, defaultRetentionDays, refreshProjectStats, usageUpkeepMs } from './usage';
import { CommandError, exhibitorPinCommand, reviewCommand, staffAddCommand, staffDisableCommand, staffPinCommand } from './staff/commands';
import { createHubServer, hashSecret, newEnrollCode, normaliseCode } from './server';
import { SqliteHubStore } from './store/sqlite-store';

const usage = `Usage:
  npm run hub -- [--port N] [--host H] [--data DIR] [--no-demo]
  npm run hub -- enroll-code | revoke <kiosk-id> | backup <file> | new-epoch | status   [--data DIR]
  npm run hub -- import <file.xlsx|folder of .csv> [--images DIR] [--dry-run] [--replace-all] [--data DIR]
  npm run hub -- exhibitor-pin <booth|exhibitor-id> [--pin NNNNNN] | review on|off   [--data DIR]
  npm run hub -- staff-add <login> [--password-stdin] | staff-disable <login>   [--data DIR]
  npm run hub -- staff-pin <login> [--pin NNNNNN]   [--data DIR]
  npm run hub -- usage-retention <days>   [--data DIR]   how long usage counts are kept (default ${defaultRetentionDays})
  --port N     port to listen on (default 5190; 0 picks a free one)
  --host H     address to listen on (default 0.0.0.0, every network of this computer)
  --data DIR   the hub's data folder (default .hub-data); filled with the demo forum on first run
  --no-demo    start with an empty catalog (real content comes from the spreadsheet import)
  --tombstone-days N  how long deletions are kept for kiosks that were away (default 30); a kiosk away longer
               rebuilds its copy
  import       loads content from the organizers' spreadsheets (see docs/import.md); works while the hub runs.
               Exit code 0 when applied (or a clean dry run), 1 when there are problems (nothing is applied)
  --images DIR the pictures the sheets name (default: an "images" folder beside the workbook / in the CSV folder)
  --dry-run    check and report only
  --replace-all  tables the import has no sheet for are emptied (default: they keep their rows)
  exhibitor-pin  sets (or resets) the PIN of the exhibitor at that booth (or with that id) and prints it once;
               edits signed with the old PIN are refused from then on
  --pin NNNNNN the PIN to set (4 to 8 digits; default: a random 6-digit PIN). It stays in the shell's history
  review on|off  on: exhibitors' edits wait for staff approval at /staff/reviews before visitors see them
  staff-add    creates a staff account for the hub's pages at /staff (or gives an existing one a new password,
               enabling it again) and prints a generated password once; there is no default account or password
  --password-stdin  read the password (at least 12 characters) from standard input instead of generating one
  staff-disable  disables a staff account, ends its sessions and withdraws its kiosk PIN
  staff-pin    sets (or resets) a staff member's PIN for the kiosks' staff mode and prints it once (random 6 digits,
               or --pin with 6 to 8 digits; no two staff members share a PIN); kiosks learn it at their next sync`;

const enrollCodeLifetimeMs = 24 * 60 * 60 * 1000;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function readArgs() {
  try {
    const { values, positionals } = parseArgs({
      options: {
        port: { type: 'string', default: '5190' },
        host: { type: 'string', default: '0.0.0.0' },
        data: { type: 'string', default: '.hub-data' },
        'no-demo': { type: 'boolean', default: false },
        'tombstone-days': { type: 'string', default: '30' },
        images: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'replace-all': { type: 'boolean', default: false },
        pin: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
    const tombstoneDays = Number(values['tombstone-days']);
    if (!Number.isFinite(tombstoneDays) || tombstoneDays <= 0) fail(`--tombstone-days must be a positive number, not "${values['tombstone-days']}"`);
    const importing = positionals[0] === 'import';
    if (!importing && (values.images !== undefined || values['dry-run'] || values['replace-all'])) fail('--images, --dry-run and --replace-all go with import');
    const importOptions = { images: values.images, dryRun: values['dry-run'], replaceAll: values['replace-all'] };
    if (values.pin !== undefined && positionals[0] !== 'exhibitor-pin' && positionals[0] !== 'staff-pin') fail('--pin goes with exhibitor-pin or staff-pin');
    if (values['password-stdin'] && positionals[0] !== 'staff-add') fail('--password-stdin goes with staff-add');
    return {
      port,
      host: values.host,
      dataDir: resolve(values.data),
      demo: !values['no-demo'],
      tombstoneDays,
      positionals,
      importOptions,
      pin: values.pin,
      passwordStdin: values['password-stdin'],
    };
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

async function issueEnrollCode(store: SqliteHubStore): Promise<string> {
  const code = newEnrollCode();
  const now = Date.now();
  await store.createEnrollCode(hashSecret(normaliseCode(code)), now + enrollCodeLifetimeMs, now);
  return code;
}

/** The password piped in for staff-add --password-stdin, without the line break that ends it. */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Runs one of the staff commands: prints its lines, or its refusal with exit code 1. */
async function runCommand(store: SqliteHubStore, command: () => Promise<{ lines: string[] }>): Promise<void> {
  try {
    console.log((await command()).lines.join('\n'));
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i): i is NonNullable<typeof i> => !!i && i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}

async function main(): Promise<void> {
  const args = readArgs();
  const [command, argument] = args.positionals;
  const store = SqliteHubStore.open(args.dataDir);

  switch (command) {
    case undefined:
      break;
    case 'enroll-code':
      console.log(`Kiosk enrollment code (one kiosk, valid 24 h): ${await issueEnrollCode(store)}`);
      return store.close();
    case 'revoke':
      if (!argument) fail('revoke needs the kiosk id');
      console.log((await store.revokeDevice(argument, Date.now())) ? `Revoked ${argument}.` : `No enrolled kiosk ${argument} (or already revoked).`);
      return store.close();
    case 'backup':
      if (!argument) fail('backup needs a file name');
      await store.backup(resolve(argument));
      console.log(`Backed up to ${resolve(argument)}`);
      return store.close();
    case 'import': {
      if (!argument) fail('import needs a workbook (.xlsx) or a folder of .csv files');
      const report = await importCatalog(store, argument, args.importOptions);
      console.log(formatReport(report));
      if (report.applied) {
        const run = await updateThumbnails(store, () => Date.now());
        console.log(describeRun(run));
      }
      if (report.problemCount > 0) process.exitCode = 1;
      return store.close();
    }
    case 'status':
      console.log(formatStatus(await store.listDevices(), await store.listConflicts(50), Date.now()));
      return store.close();
    case 'new-epoch':
      console.log(`New epoch ${(await store.rotateEpoch(Date.now())).epoch}: kiosks will rebuild their copies.`);
      return store.close();
    case 'exhibitor-pin':
      if (!argument) fail('exhibitor-pin needs the booth number or exhibitor id');
      return runCommand(store, () => exhibitorPinCommand(store, argument, args.pin, Date.now()));
    case 'review':
      return runCommand(store, () => reviewCommand(store, argument));
    case 'staff-add': {
      if (!argument) fail('staff-add needs the login');
      const password = args.passwordStdin ? await readPasswordFromStdin() : undefined;
      return runCommand(store, () => staffAddCommand(store, argument, password, Date.now()));
    }
    case 'staff-disable':
      if (!argument) fail('staff-disable needs the login');
      return runCommand(store, () => staffDisableCommand(store, argument, Date.now()));
    case 'staff-pin':
      if (!argument) fail('staff-pin needs the login');
      return runCommand(store, () => staffPinCommand(store, argument, args.pin, Date.now()));
    case 'usage-retention': {
      const days = Number(argument);
      if (!Number.isInteger(days) || days < 1 || days > 3650) fail('usage-retention needs a number of days (1 to 3650)');
      await store.setSetting('usage_retention_days', String(days));
      console.log(`Usage counts older than ${days} days are deleted; ${await applyRetention(store, Date.now())} deleted now.`);
      return store.close();
    }
    default:
      fail(`Unknown command "${command}"`);
  }

  const meta = await store.meta();
  if (meta.headSeq === 0 && args.demo) {
    const loaded = await loadDemoIntoHub(store);
    console.log(`Loaded the demo forum (demo content): ${loaded.rows} rows, ${loaded.media} images`);
  }
  const app = createHubServer({ store, log: (line) => console.log(line), updatesDir: join(args.dataDir, 'updates') });
  // Pictures at display size (hub/thumbnails.ts): made in the background at start, after changes made through this
  // process, and on a timer for changes made by another (a CLI import while the hub runs). Kiosks get them by sync.
  const thumbnailer = new Thumbnailer(store, () => Date.now(), (line) => console.log(`[hub] ${line}`), () => app.changes.notify());
  const thumbnailCheck = () => void thumbnailer.request();
  app.changes.subscribe(thumbnailCheck);
  const thumbnailTimer = setInterval(thumbnailCheck, thumbnailCheckMs);
  thumbnailTimer.unref();
  thumbnailCheck();
  await app.listen({ port: args.port, host: args.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : args.port;
  const hosts = args.host === '0.0.0.0' ? ['127.0.0.1', ...lanAddresses()] : [args.host];
  console.log(`Hub data folder: ${args.dataDir}`);
  console.log(`Kiosk enrollment code (one kiosk, valid 24 h): ${await issueEnrollCode(store)}`);
  console.log(`Hub ready at ${hosts.map((h) => `http://${h}:${port}`).join(' ')}`);

  // Deletions are kept as tombstones so that kiosks learn of them; after the retention, kiosks away longer rebuild.
  const retentionMs = args.tombstoneDays * 24 * 60 * 60 * 1000;
  const purge = setInterval(() => {
    store.purgeTombstones(Date.now() - retentionMs).catch((error: unknown) => console.error('[hub] tombstone purge failed', error));
  }, 60 * 60 * 1000);
  purge.unref();

  // Exhibitors' figures (opens, QR codes shown) follow the usage counts kiosks send; old counts go after the retention.
  const usageUpkeep = async () => {
    await applyRetention(store, Date.now());
    await refreshProjectStats(store, Date.now());
  };
  const upkeep = setInterval(() => {
    usageUpkeep().catch((error: unknown) => console.error('[hub] usage upkeep failed', error));
  }, usageUpkeepMs);
  upkeep.unref();
  void usageUpkeep().catch((error: unknown) => console.error('[hub] usage upkeep failed', error));

  const stop = () => {
    clearInterval(purge);
    clearInterval(upkeep);
    clearInterval(thumbnailTimer);
    void app.close().then(async () => {
      await store.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
