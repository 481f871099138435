import { INestApplication, Type } from '@nestjs/common';
import { DemoLoaderService } from '@app/identity';
import { Clock } from '@app/jobs';
import { TermsDemoLoader } from '@app/numbering';
import { PlansDemoLoaderService } from '@app/plans';
import { PkiDemoLoader } from '@app/rendering';

interface DemoLoader {
  /** `today`: the application's date (its Clock), for demo data that must be current. */
  load(context: { today: string }): Promise<unknown>;
}

/** Demo loaders in the order they must run (people before their plans); each is idempotent. */
export const DEMO_LOADERS: Type<DemoLoader>[] = [DemoLoaderService, PkiDemoLoader, TermsDemoLoader, PlansDemoLoaderService];

export async function loadDemoData(app: INestApplication): Promise<void> {
  const today = app.get(Clock).today();
  for (const loader of DEMO_LOADERS) await app.get(loader).load({ today });
}
