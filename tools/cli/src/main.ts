import { parseScope } from '@floorwatch/contracts';
console.log(parseScope('site:x'));
