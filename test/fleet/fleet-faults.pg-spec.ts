import { describeFleetUnderFaults } from './fleet-scenario';

// `npm run test:postgres`: the topology without Kafka (fleet-scenario.ts says what is checked).
describeFleetUnderFaults('PostgreSQL topology under faults');
