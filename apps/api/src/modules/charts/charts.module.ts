import { Module } from '@nestjs/common';
import { ChartRendererService } from './chart-renderer.service';

/** Server-side chart images (PNG): alert and digest emails, the quarterly review. */
@Module({
  providers: [ChartRendererService],
  exports: [ChartRendererService],
})
export class ChartsModule {}
