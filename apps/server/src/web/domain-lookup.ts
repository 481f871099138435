import { ModuleRef } from '@nestjs/core';
import { PlanReportsService } from '@app/cascade';

/**
 * Services a domain module provides but does not export (yet): looked up in the application's
 * container (ModuleRef, strict: false) instead of injected, so the web module keeps to the
 * domain's one instance. Each is a request to its owner to add it to the module's exports.
 */
export function planReports(moduleRef: ModuleRef): PlanReportsService {
  return moduleRef.get(PlanReportsService, { strict: false });
}
