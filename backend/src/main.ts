import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, PROCESS_ROLES, type ProcessRole } from './config/app-config.js';
import { createTessera } from './platform.js';

/**
 * `node main.js [all|api|worker]`: the process's role (see AppConfig.role); the argument, when given,
 * wins over TESSERA_ROLE.
 */
function roleArgument(): ProcessRole | undefined {
  const argument = process.argv[2];
  if (argument === undefined) return undefined;
  if ((PROCESS_ROLES as readonly string[]).includes(argument)) return argument as ProcessRole;
  console.error(`Usage: main.js [${PROCESS_ROLES.join('|')}] (got "${argument}")`);
  process.exit(64);
}

async function main(): Promise<void> {
  let config;
  try {
    const role = roleArgument();
    config = loadConfig(role ? { ...process.env, TESSERA_ROLE: role } : process.env, process.cwd());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const tessera = await createTessera(config);
  await tessera.app.listen({ port: config.port, host: config.host });
  new Logger('Tessera').log(
    config.role === 'worker'
      ? `worker: running the queue's jobs and schedules; health and metrics on http://${config.host}:${config.port}`
      : `${config.role === 'api' ? 'api: ' : ''}listening on http://${config.host}:${config.port} (public URL ${config.publicUrl.origin}); API docs at /api/docs`,
  );
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    new Logger('Tessera').log(`${signal}: shutting down`);
    tessera.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
