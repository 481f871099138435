import { INestApplication, Type } from '@nestjs/common';
import { DemoLoaderService } from '@app/identity';
import { TermsDemoLoader } from '@app/numbering';
import { PlansDemoLoaderService } from '@app/plans';
import { PkiDemoLoader } from '@app/rendering';

interface DemoLoader {
  load(): Promise<unknown>;
}

/** Demo loaders in the order they must run (people before their plans); each is idempotent. */
export const DEMO_LOADERS: Type<DemoLoader>[] = [DemoLoaderService, PkiDemoLoader, TermsDemoLoader, PlansDemoLoaderService];

export async function loadDemoData(app: INestApplication): Promise<void> {
  for (const loader of DEMO_LOADERS) await app.get(loader).load();
}
