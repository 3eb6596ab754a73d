export * from './schema';
export { validateConnector, placeholders } from './validate';
export { fillTemplate, fillUrl } from './template';
export { searchCatalog, editDistance, type CatalogQuery } from './search';
export {
	formModel,
	initialValues,
	validateField,
	validateForm,
	authConfigFor,
	type FormModel,
	type FieldProblem
} from './form';
