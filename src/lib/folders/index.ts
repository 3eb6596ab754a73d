/** Folders: My Workspace (always there, personal) and shared folders the user creates. */
import { AppError } from '../errors';

export const MY_WORKSPACE_ID = 'my-workspace';

export interface Folder {
	id: string;
	name: string;
	createdAt: number;
}

export function folderName(raw: unknown): string {
	const name = typeof raw === 'string' ? raw.trim() : '';
	if (!name || name.length > 100) throw new AppError('input.invalid', { detail: 'folder name' });
	return name;
}
