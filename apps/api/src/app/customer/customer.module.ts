import { Module } from '@nestjs/common';
import { DriversController } from './drivers/drivers.controller';
import { DriversService } from './drivers/drivers.service';

/** Customer outcomes (spec/customer.md): drivers of satisfaction; survey attribution runs inside ingest. */
@Module({
  controllers: [DriversController],
  providers: [DriversService],
  exports: [DriversService],
})
export class CustomerModule {}
