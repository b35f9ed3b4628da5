export { seedDemoIfEmpty } from './seed-demo.js';
export { DEMO_USERS } from './demo-users.js';
