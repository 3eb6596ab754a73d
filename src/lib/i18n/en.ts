/** English messages. Keys are shared with de.ts, which the type checker holds to the same set. */
export const en = {
	'app.name': 'Switchboard',
	'app.tagline': 'Your connections to SaaS APIs, encrypted on this device.',
	'app.skip': 'Skip to content',
	'app.loading': 'Loading…',

	'nav.main': 'Main',
	'nav.connectors': 'Connectors',
	'nav.connections': 'Connections',
	'nav.settings': 'Settings',
	'nav.lock': 'Lock',
	'folder.picker': 'Folder',
	'folder.myWorkspace': 'My Workspace',

	'vault.create.title': 'Create your vault',
	'vault.create.intro':
		'Switchboard keeps your connections encrypted in this browser. Choose a passphrase to protect them.',
	'vault.create.passphrase': 'Passphrase',
	'vault.create.repeat': 'Repeat passphrase',
	'vault.create.warning':
		'Keep this passphrase safe. There is no server and no reset: if you forget it, the connections stored here cannot be recovered.',
	'vault.create.submit': 'Create vault',
	'vault.create.mismatch': 'The two passphrases are not the same.',
	'vault.create.minLength': 'Use at least {min} characters.',
	'vault.strength.label': 'Strength: {strength}',
	'vault.strength.too-short': 'too short',
	'vault.strength.weak': 'weak',
	'vault.strength.fair': 'fair',
	'vault.strength.strong': 'strong',
	'vault.unlock.title': 'Unlock Switchboard',
	'vault.unlock.intro': 'Your vault is locked. Enter your passphrase to open it.',
	'vault.unlock.passphrase': 'Passphrase',
	'vault.unlock.submit': 'Unlock',
	'vault.unlock.busy': 'Unlocking…',
	'vault.locked.auto': 'The vault locked itself after {minutes} minutes without activity.',
	'vault.reveal': 'Show passphrase',
	'vault.hide': 'Hide passphrase',

	'shell.connectors.title': 'Connectors',
	'shell.connectors.empty': 'The connector catalog arrives here.',
	'shell.connections.title': 'Connections',
	'shell.connections.empty': 'No connections in this folder yet.',

	'settings.title': 'Settings',
	'settings.language': 'Language',
	'settings.language.system': 'Browser language',
	'settings.language.en': 'English',
	'settings.language.de': 'Deutsch',
	'settings.theme': 'Theme',
	'settings.theme.system': 'System',
	'settings.theme.light': 'Light',
	'settings.theme.dark': 'Dark',
	'settings.autoLock': 'Lock automatically after',
	'settings.autoLock.minutes': '{minutes} min',
	'settings.storage': 'Storage',
	'settings.storage.persisted': 'Persistent: the browser will not clear this data on its own.',
	'settings.storage.notPersisted':
		'Not persistent: the browser may clear this data when space runs low. Ask for persistent storage, and keep an encrypted backup.',
	'settings.storage.unsupported': 'This browser does not report storage persistence.',
	'settings.storage.request': 'Request persistent storage',
	'settings.storage.denied':
		'The browser declined. It may grant it once the app is installed or used more often.',
	'settings.storage.usage': '{used} used of {quota} available',
	'settings.saved': 'Saved.',
	'settings.passphrase.title': 'Change passphrase',
	'settings.passphrase.current': 'Current passphrase',
	'settings.passphrase.new': 'New passphrase',
	'settings.passphrase.repeat': 'Repeat new passphrase',
	'settings.passphrase.submit': 'Change passphrase',
	'settings.passphrase.done': 'Passphrase changed. Use the new one from now on.',

	'update.available': 'An update of Switchboard is available.',
	'update.reload': 'Reload',
	'offline.banner':
		'You are offline. Stored connections stay available; signing in to a provider needs the network.',

	'error.cause': 'Cause',
	'error.resolution': 'What to do',
	'error.vault.exists.message': 'A vault already exists in this browser.',
	'error.vault.exists.resolution': 'Unlock it with its passphrase.',
	'error.vault.missing.message': 'There is no vault in this browser yet.',
	'error.vault.missing.resolution': 'Create one.',
	'error.vault.locked.message': 'The vault is locked.',
	'error.vault.locked.resolution': 'Unlock it and try again.',
	'error.vault.wrong-passphrase.message': 'That passphrase is not correct.',
	'error.vault.wrong-passphrase.resolution':
		'Check the keyboard layout and Caps Lock, then try again. Nothing was changed.',
	'error.vault.weak-passphrase.message': 'That passphrase is too short.',
	'error.vault.weak-passphrase.resolution':
		'Use at least 10 characters; a few unrelated words work well.',
	'error.vault.corrupt.message': 'The vault header in this browser is damaged.',
	'error.vault.corrupt.resolution': 'Restore from an encrypted backup. Nothing was overwritten.',
	'error.vault.changed-elsewhere.message': 'The passphrase was changed in another tab meanwhile.',
	'error.vault.changed-elsewhere.resolution': 'Reload this tab and use the passphrase set there.',
	'error.crypto.unknown-version.message':
		'A stored record uses a format this version does not know.',
	'error.crypto.unknown-version.resolution': 'Update Switchboard (reload the app), then try again.',
	'error.crypto.tampered.message':
		'A stored record could not be decrypted: it was changed or damaged.',
	'error.crypto.tampered.resolution': 'Restore the affected data from an encrypted backup.',
	'error.db.blocked.message': 'Another Switchboard tab is using an older version of the database.',
	'error.db.blocked.resolution': 'Close or reload the other Switchboard tabs.',
	'error.db.quota.message': 'The browser has no storage space left for Switchboard.',
	'error.db.quota.resolution':
		'Free up disk space or delete unused connections; nothing was half-written.',
	'error.db.unavailable.message': 'The browser storage (IndexedDB) is not available.',
	'error.db.unavailable.resolution': 'Leave private browsing mode or allow site data for this app.',
	'error.catalog.invalid.message': 'A connector definition is not valid.',
	'error.catalog.invalid.resolution': 'Report the connector; the rest of the catalog still works.',
	'error.input.invalid.message': 'Some input is not valid.',
	'error.input.invalid.resolution': 'Correct the marked fields.',
	'error.internal.message': 'Something unexpected went wrong.',
	'error.internal.resolution':
		'Try again; if it keeps happening, reload the app. Your stored data is unchanged.'
} as const;

export type MessageKey = keyof typeof en;
