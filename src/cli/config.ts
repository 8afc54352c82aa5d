/** Settings from the environment, with the zero-setup defaults of API.md. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  apiKey: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.RECOUP_DATA_DIR ?? './data',
    databaseUrl: env.DATABASE_URL || undefined,
    apiKey: env.RECOUP_API_KEY || undefined,
  };
}
