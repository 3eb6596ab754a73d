/** Folders and their records. */
export { folderName, MY_WORKSPACE, MY_WORKSPACE_ID, type Folder } from './model';
export { FolderStore } from './store';
export { FolderService, type FolderContents, type FolderDeletion, type FolderEnv } from './service';
