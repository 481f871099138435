import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { AppConfig } from '@app/config';

/** The small connection pool of the web session store, closed with the application. */
@Injectable()
export class SessionPool implements OnApplicationShutdown {
  readonly pool: Pool;

  constructor(config: AppConfig) {
    this.pool = new Pool({ connectionString: config.databaseUrl, max: 5, application_name: 'kehoach-sessions' });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
