/** The generic refresh scheduler: due times in, refresh calls out; it knows nothing of connections. */
export {
	browserSchedulerDeps,
	RefreshScheduler,
	type ScheduledEntry,
	type SchedulerDeps,
	type SchedulerOptions,
	type SchedulerOutcome
} from './scheduler';
