import { Injectable } from '@nestjs/common';
import { formatScope, type DriversResult } from '@floorwatch/contracts';
import { computeDrivers, DEFAULT_MIN_RESPONSES } from '@floorwatch/kpi';
import { RecordStore } from '../../database/record-store';
import { loadScopedSurveys } from '../attribution/survey-reader';
import type { DriversQuery } from './drivers-query.schema';

/** Drivers of an outcome over the responses counting in the scope (no access control: the controller does it). */
@Injectable()
export class DriversService {
  constructor(private readonly store: RecordStore) {}

  async drivers(q: DriversQuery): Promise<DriversResult> {
    const responses = await loadScopedSurveys(this.store, q.scope, q.from, q.to);
    const maths = computeDrivers({ responses, outcome: q.outcome, by: q.by, minResponses: DEFAULT_MIN_RESPONSES });
    return { outcome: q.outcome, scope: formatScope(q.scope), from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), ...maths };
  }
}
