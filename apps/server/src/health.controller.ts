import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@app/common';
import { JOBS_SCHEMA } from '@app/jobs';
import { RenderingService } from '@app/rendering';

/** A check of readiness gives up after this long: a hung dependency is a down one. */
const CHECK_TIMEOUT_MS = 5_000;

interface Check {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

async function check(fn: () => Promise<unknown>): Promise<Check> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    await Promise.race([fn(), timeout]);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', latencyMs: Date.now() - started, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rendering: RenderingService,
  ) {}

  /** Liveness: 200 while the process serves and the database answers, 503 when it does not. */
  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const database = await check(() => this.dataSource.query('SELECT 1'));
    res
      .status(database.status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: database.status === 'up' ? 'ok' : 'error', database });
  }

  /**
   * Readiness (for the load balancer): the database, the job queue (pg-boss's schema answers)
   * and the renderer (a pooled Chromium page evaluates). 503 names what is down.
   */
  @Public()
  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const [database, queue, renderer] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.dataSource.query(`SELECT version FROM ${JOBS_SCHEMA}.version`)),
      check(() => this.rendering.pool.withPage((page) => page.evaluate(() => 1))),
    ]);
    const ok = [database, queue, renderer].every((c) => c.status === 'up');
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'error', database, queue, renderer });
  }
}
