import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { MetricsEndpointMiddleware, RequestMetricsMiddleware } from './metrics.middleware';
import { MetricsService } from './metrics.service';

/** The Prometheus figures (`/metrics`), for every domain that counts or times something. */
@Global()
@Module({
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MetricsEndpointMiddleware).forRoutes({ path: 'metrics', method: RequestMethod.GET });
    consumer.apply(RequestMetricsMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
