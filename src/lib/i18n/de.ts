import type { MessageKey } from './en';

/** German messages: a complete translation (the type requires every key of en.ts). */
export const de: Record<MessageKey, string> = {
	'app.name': 'Switchboard',
	'app.tagline': 'Ihre Verbindungen zu SaaS-APIs, verschlüsselt auf diesem Gerät.',
	'app.skip': 'Zum Inhalt springen',
	'app.loading': 'Wird geladen…',

	'nav.main': 'Hauptnavigation',
	'nav.connectors': 'Connectors',
	'nav.connections': 'Verbindungen',
	'nav.settings': 'Einstellungen',
	'nav.lock': 'Sperren',
	'folder.picker': 'Ordner',
	'folder.myWorkspace': 'Mein Arbeitsbereich',

	'vault.create.title': 'Tresor anlegen',
	'vault.create.intro':
		'Switchboard speichert Ihre Verbindungen verschlüsselt in diesem Browser. Wählen Sie eine Passphrase, die sie schützt.',
	'vault.create.passphrase': 'Passphrase',
	'vault.create.repeat': 'Passphrase wiederholen',
	'vault.create.warning':
		'Bewahren Sie diese Passphrase gut auf. Es gibt keinen Server und kein Zurücksetzen: Wenn Sie sie vergessen, lassen sich die hier gespeicherten Verbindungen nicht wiederherstellen.',
	'vault.create.submit': 'Tresor anlegen',
	'vault.create.mismatch': 'Die beiden Passphrasen stimmen nicht überein.',
	'vault.create.minLength': 'Verwenden Sie mindestens {min} Zeichen.',
	'vault.strength.label': 'Stärke: {strength}',
	'vault.strength.too-short': 'zu kurz',
	'vault.strength.weak': 'schwach',
	'vault.strength.fair': 'mittel',
	'vault.strength.strong': 'stark',
	'vault.unlock.title': 'Switchboard entsperren',
	'vault.unlock.intro': 'Ihr Tresor ist gesperrt. Geben Sie Ihre Passphrase ein, um ihn zu öffnen.',
	'vault.unlock.passphrase': 'Passphrase',
	'vault.unlock.submit': 'Entsperren',
	'vault.unlock.busy': 'Wird entsperrt…',
	'vault.locked.auto':
		'Der Tresor wurde nach {minutes} Minuten ohne Aktivität automatisch gesperrt.',
	'vault.reveal': 'Passphrase anzeigen',
	'vault.hide': 'Passphrase verbergen',

	'shell.connectors.title': 'Connectors',
	'shell.connectors.empty': 'Hier erscheint der Connector-Katalog.',
	'shell.connections.title': 'Verbindungen',
	'shell.connections.empty': 'In diesem Ordner gibt es noch keine Verbindungen.',

	'settings.title': 'Einstellungen',
	'settings.language': 'Sprache',
	'settings.language.system': 'Sprache des Browsers',
	'settings.language.en': 'English',
	'settings.language.de': 'Deutsch',
	'settings.theme': 'Farbschema',
	'settings.theme.system': 'System',
	'settings.theme.light': 'Hell',
	'settings.theme.dark': 'Dunkel',
	'settings.autoLock': 'Automatisch sperren nach',
	'settings.autoLock.minutes': '{minutes} Min.',
	'settings.storage': 'Speicher',
	'settings.storage.persisted': 'Dauerhaft: Der Browser löscht diese Daten nicht von sich aus.',
	'settings.storage.notPersisted':
		'Nicht dauerhaft: Der Browser kann diese Daten löschen, wenn der Platz knapp wird. Fordern Sie dauerhaften Speicher an und bewahren Sie eine verschlüsselte Sicherung auf.',
	'settings.storage.unsupported': 'Dieser Browser meldet nicht, ob der Speicher dauerhaft ist.',
	'settings.storage.request': 'Dauerhaften Speicher anfordern',
	'settings.storage.denied':
		'Der Browser hat abgelehnt. Er gewährt es eventuell, sobald die App installiert ist oder häufiger genutzt wird.',
	'settings.storage.usage': '{used} belegt von {quota} verfügbar',
	'settings.saved': 'Gespeichert.',
	'settings.passphrase.title': 'Passphrase ändern',
	'settings.passphrase.current': 'Aktuelle Passphrase',
	'settings.passphrase.new': 'Neue Passphrase',
	'settings.passphrase.repeat': 'Neue Passphrase wiederholen',
	'settings.passphrase.submit': 'Passphrase ändern',
	'settings.passphrase.done': 'Passphrase geändert. Verwenden Sie ab jetzt die neue.',

	'update.available': 'Eine neue Version von Switchboard ist verfügbar.',
	'update.reload': 'Neu laden',
	'offline.banner':
		'Sie sind offline. Gespeicherte Verbindungen bleiben verfügbar; die Anmeldung bei einem Anbieter braucht das Netz.',

	'error.cause': 'Ursache',
	'error.resolution': 'Was zu tun ist',
	'error.vault.exists.message': 'In diesem Browser gibt es bereits einen Tresor.',
	'error.vault.exists.resolution': 'Entsperren Sie ihn mit seiner Passphrase.',
	'error.vault.missing.message': 'In diesem Browser gibt es noch keinen Tresor.',
	'error.vault.missing.resolution': 'Legen Sie einen an.',
	'error.vault.locked.message': 'Der Tresor ist gesperrt.',
	'error.vault.locked.resolution': 'Entsperren Sie ihn und versuchen Sie es erneut.',
	'error.vault.wrong-passphrase.message': 'Diese Passphrase ist nicht korrekt.',
	'error.vault.wrong-passphrase.resolution':
		'Prüfen Sie Tastaturbelegung und Feststelltaste und versuchen Sie es erneut. Es wurde nichts geändert.',
	'error.vault.weak-passphrase.message': 'Diese Passphrase ist zu kurz.',
	'error.vault.weak-passphrase.resolution':
		'Verwenden Sie mindestens 10 Zeichen; einige voneinander unabhängige Wörter eignen sich gut.',
	'error.vault.corrupt.message': 'Der Tresor-Header in diesem Browser ist beschädigt.',
	'error.vault.corrupt.resolution':
		'Stellen Sie eine verschlüsselte Sicherung wieder her. Es wurde nichts überschrieben.',
	'error.vault.changed-elsewhere.message':
		'Die Passphrase wurde inzwischen in einem anderen Tab geändert.',
	'error.vault.changed-elsewhere.resolution':
		'Laden Sie diesen Tab neu und verwenden Sie die dort gesetzte Passphrase.',
	'error.crypto.unknown-version.message':
		'Ein gespeicherter Datensatz hat ein Format, das diese Version nicht kennt.',
	'error.crypto.unknown-version.resolution':
		'Aktualisieren Sie Switchboard (App neu laden) und versuchen Sie es erneut.',
	'error.crypto.tampered.message':
		'Ein gespeicherter Datensatz ließ sich nicht entschlüsseln: Er wurde verändert oder ist beschädigt.',
	'error.crypto.tampered.resolution':
		'Stellen Sie die betroffenen Daten aus einer verschlüsselten Sicherung wieder her.',
	'error.db.blocked.message':
		'Ein anderer Switchboard-Tab verwendet eine ältere Version der Datenbank.',
	'error.db.blocked.resolution':
		'Schließen Sie die anderen Switchboard-Tabs oder laden Sie sie neu.',
	'error.db.quota.message': 'Der Browser hat keinen Speicherplatz mehr für Switchboard.',
	'error.db.quota.resolution':
		'Geben Sie Speicherplatz frei oder löschen Sie nicht benötigte Verbindungen; es wurde nichts halb geschrieben.',
	'error.db.unavailable.message': 'Der Browserspeicher (IndexedDB) ist nicht verfügbar.',
	'error.db.unavailable.resolution':
		'Verlassen Sie den privaten Modus oder erlauben Sie Websitedaten für diese App.',
	'error.catalog.invalid.message': 'Eine Connector-Definition ist ungültig.',
	'error.catalog.invalid.resolution':
		'Melden Sie den Connector; der übrige Katalog funktioniert weiter.',
	'error.input.invalid.message': 'Einige Eingaben sind ungültig.',
	'error.input.invalid.resolution': 'Korrigieren Sie die markierten Felder.',
	'error.internal.message': 'Etwas Unerwartetes ist schiefgegangen.',
	'error.internal.resolution':
		'Versuchen Sie es erneut; wenn es wieder passiert, laden Sie die App neu. Ihre gespeicherten Daten sind unverändert.'
};
