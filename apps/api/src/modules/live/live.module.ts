import { Module } from '@nestjs/common';
import { LiveChangesRepository } from './live-changes.repository';
import { LiveController } from './live.controller';

@Module({ controllers: [LiveController], providers: [LiveChangesRepository] })
export class LiveModule {}
