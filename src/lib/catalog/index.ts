export * from './schema';
export { validateConnector, placeholders } from './validate';
export { fillTemplate, fillUrl } from './template';
export { searchCatalog, editDistance, type CatalogQuery, type ReachContext } from './search';
export {
	formModel,
	initialValues,
	validateField,
	validateForm,
	authConfigFor,
	checkRequestFor,
	type FormModel,
	type FieldProblem
} from './form';
export {
	parseHostFacts,
	factFor,
	hostKeyOf,
	originTemplateOf,
	endpointsOf,
	corsOf,
	reachOf,
	reachOfAuth,
	type HostFact,
	type HostFacts,
	type Endpoint,
	type EndpointRole,
	type ConnectorReach
} from './cors';
export {
	interpretProbe,
	combineOutcomes,
	probeTargets,
	remember,
	reachableHosts,
	testedReach,
	readProbes,
	runProbe,
	PROBES_KEY,
	type ProbeAttempt,
	type ProbeOutcome,
	type ProbeMemory,
	type RememberedProbe,
	type ProbeTarget,
	type HostProbe,
	type ProbeReport
} from './probe';
