/** Folders: My Workspace (always there, personal) and shared folders the user creates. */
import { AppError } from '../errors';

export const MY_WORKSPACE_ID = 'my-workspace';

export interface Folder {
	id: string;
	name: string;
	createdAt: number;
}

/** My Workspace as a list entry; its name is the UI's to translate. */
export const MY_WORKSPACE: Folder = Object.freeze({ id: MY_WORKSPACE_ID, name: '', createdAt: 0 });

export function folderName(raw: unknown): string {
	const name = typeof raw === 'string' ? raw.trim() : '';
	if (!name || name.length > 100) throw new AppError('input.invalid', { detail: 'folder name' });
	return name;
}
