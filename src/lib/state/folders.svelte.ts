/** Folders as the page sees them, and which one is selected in the folder picker. */
export const MY_WORKSPACE = 'my-workspace';

export interface FolderView {
	id: string;
	name: string;
}

class FoldersState {
	list = $state.raw<FolderView[]>([{ id: MY_WORKSPACE, name: '' }]);
	selected = $state(MY_WORKSPACE);
}

export const folders = new FoldersState();
