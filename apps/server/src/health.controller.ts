import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@app/common';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 200 while the database answers, 503 when it does not. */
  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const started = Date.now();
    try {
      await this.dataSource.query('SELECT 1');
      res.status(HttpStatus.OK).json({ status: 'ok', database: { status: 'up', latencyMs: Date.now() - started } });
    } catch (error) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'error', database: { status: 'down', error: (error as Error).message } });
    }
  }
}
