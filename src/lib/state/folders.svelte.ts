/** Folders as the page sees them, and which one is selected in the folder picker. */
import type { Folder } from '../folders';
import { MY_WORKSPACE_ID } from '../folders';

class FoldersState {
	list = $state.raw<Folder[]>([{ id: MY_WORKSPACE_ID, name: '', createdAt: 0 }]);
	selected = $state(MY_WORKSPACE_ID);

	setList(list: Folder[]): void {
		this.list = list;
		if (!list.some((f) => f.id === this.selected)) this.selected = MY_WORKSPACE_ID;
	}
}

export const folders = new FoldersState();
export { MY_WORKSPACE_ID };
