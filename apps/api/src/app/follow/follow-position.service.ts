import { Injectable } from '@nestjs/common';
import { resolve } from 'node:path';
import { RecordStore } from '../database/record-store';
import { isFilePosition, type FilePosition } from './file-position';
import type { PositionStore } from './position-store';

/** feed_state key of a followed file's position (one per absolute path). */
export const followStateKey = (path: string): string => `follow:${resolve(path)}`;

/** Positions of files followed into this database, kept in feed_state beside the parser states. */
@Injectable()
export class FollowPositionService {
  constructor(private readonly store: RecordStore) {}

  storeFor(path: string): PositionStore {
    const key = followStateKey(path);
    return {
      where: `feed_state ${key}`,
      load: async () => {
        const s = await this.store.getFeedState<unknown>(key);
        if (s === null) return null;
        if (!isFilePosition(s)) throw new Error(`feed_state ${key} has an unknown shape (expected a follower position, version 1)`);
        return s;
      },
      save: (p: FilePosition) => this.store.setFeedState(key, p),
    };
  }
}
