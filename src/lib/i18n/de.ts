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
	'folder.picker': 'Aktueller Ordner',
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

	'shell.connections.title': 'Verbindungen',
	'shell.connections.empty': 'In diesem Ordner gibt es noch keine Verbindungen.',

	'catalog.search': 'Connectors durchsuchen',
	'catalog.searchHint': 'Name, Anbieter oder Kategorie',
	'catalog.category': 'Kategorie',
	'catalog.category.all': 'Alle Kategorien',
	'catalog.reach': 'Erreichbarkeit',
	'catalog.reach.all': 'Alle',
	'catalog.count.one': '1 Connector',
	'catalog.count': '{count} Connectors',
	'catalog.empty':
		'Kein Connector passt. Prüfen Sie die Schreibweise oder setzen Sie die Filter zurück.',
	'catalog.loading': 'Der Katalog wird geladen…',
	'catalog.sandbox': 'Sandbox',
	'catalog.authTypes': 'Authentifizierung',
	'catalog.rejected': '{count} Connector-Definitionen sind ungültig und wurden ausgelassen.',
	'category.ai': 'KI',
	'category.analytics': 'Analyse',
	'category.collaboration': 'Zusammenarbeit',
	'category.communication': 'Kommunikation',
	'category.crm': 'CRM',
	'category.customer-support': 'Kundenservice',
	'category.developer-tools': 'Entwicklerwerkzeuge',
	'category.documents': 'Dokumente',
	'category.e-commerce': 'E-Commerce',
	'category.finance': 'Finanzen',
	'category.hr': 'Personalwesen',
	'category.identity': 'Identität',
	'category.infrastructure': 'Infrastruktur',
	'category.it-service-management': 'IT-Servicemanagement',
	'category.mail': 'E-Mail',
	'category.marketing': 'Marketing',
	'category.productivity': 'Produktivität',
	'category.social-media': 'Soziale Medien',
	'category.storage': 'Speicher',
	'category.other': 'Sonstiges',
	'auth.oauth2-authorization-code': 'OAuth 2.0 – Autorisierungscode',
	'auth.oauth2-pkce': 'OAuth 2.0 – Autorisierungscode mit PKCE',
	'auth.oauth2-client-credentials': 'OAuth 2.0 – Client-Anmeldedaten',
	'auth.oauth2-password': 'OAuth 2.0 – Passwort',
	'auth.oauth2-byoa': 'Eigene OAuth 2.0-App verwenden',
	'auth.basic': 'Basic',
	'auth.api-key': 'API-Schlüssel',
	'auth.pat': 'Persönliches Zugriffstoken (PAT)',
	'auth.custom': 'Benutzerdefiniert',
	'auth.none': 'Keine Authentifizierung',
	'reach.direct': 'Funktioniert direkt',
	'reach.bridge': 'Funktioniert mit der Bridge',
	'reach.unsupported': 'Nicht im Browser',
	'tested.direct': 'Getestet: direkt erreichbar',
	'tested.bridge': 'Getestet: braucht die Bridge',
	'cors.documented': 'Antwortet Browsern',
	'cors.refused': 'Weist Browser ab',
	'cors.unknown': 'Nicht dokumentiert',
	'role.token': 'Token',
	'role.refresh': 'Erneuerung',
	'role.revoke': 'Widerruf',
	'role.discovery': 'Discovery',
	'role.api': 'API-Aufrufe',
	'role.check': 'Verbindungsprüfung',
	'role.learned': 'Werte nach der Anmeldung',
	'probe.reachable': 'Direkt erreichbar',
	'probe.refused': 'Abgewiesen (braucht die Bridge)',
	'probe.unreachable': 'Keine Antwort (offline oder unbekannter Host; nicht gespeichert)',
	'probe.skipped': 'Braucht die Adresse Ihres Mandanten',
	'connector.back': 'Alle Connectors',
	'connector.notFound': 'Es gibt keinen Connector mit diesem Namen.',
	'connector.vendor': 'Anbieter',
	'connector.category': 'Kategorie',
	'connector.authTypes': 'Authentifizierungsarten',
	'connector.docs': 'Dokumentation des Anbieters',
	'connector.apiBase': 'API-Basis-URL',
	'connector.reach': 'Erreichbarkeit',
	'connector.reach.direct':
		'Die Hosts, die er aufruft, antworten Browsern (für mindestens eine Authentifizierungsart): Er funktioniert in dieser App ohne die Bridge.',
	'connector.reach.bridge':
		'Nicht für jeden Host, den er aufruft, ist dokumentiert, dass er Browsern antwortet: Er braucht die Browser-Erweiterung Switchboard Bridge, sofern „In diesem Browser testen“ nichts anderes zeigt.',
	'connector.hosts': 'Wohin die Anfragen dieses Connectors gehen',
	'connector.hosts.role': 'Verwendet für',
	'connector.hosts.host': 'Host',
	'connector.hosts.fact': 'Browser',
	'connector.hosts.note': 'Hinweis',
	'connector.hosts.source': 'Quelle',
	'connector.hosts.sourceOf': 'Quelle zu {host}',
	'connector.hosts.tested': 'Hier getestet',
	'connector.hosts.yourServer': 'Ihr Server',
	'connector.hosts.none': 'Dieser Connector sendet keine eigenen Anfragen.',
	'connector.limits': 'Authentifizierungsarten, die nur mit der Bridge funktionieren',
	'connector.limits.sourceOf': 'Quelle zu {auth}',
	'probe.run': 'In diesem Browser testen',
	'probe.running': 'Wird getestet…',
	'probe.explain':
		'Sendet jedem Host eine Anfrage mit einem Platzhalterwert und ohne Zugangsdaten und merkt sich auf diesem Gerät, welche Hosts geantwortet haben.',
	'connector.alternatives': 'Connectors, die im Browser funktionieren:',
	'connector.connect': 'Mit {connector} verbinden',
	'connector.unconfirmed':
		'In der Dokumentation des Anbieters nicht bestätigt und daher ausgelassen: {facts}.',
	'connector.bridgeNotice':
		'Vor dem Verbinden: Einige Anfragen dieses Connectors brauchen die Erweiterung Switchboard Bridge. Ohne sie kann das Verbinden mit einem CORS-Fehler scheitern.',
	'connect.title': 'Mit {connector} verbinden',
	'connect.authType': 'Authentifizierungsart',
	'connect.folder': 'Ordner',
	'connect.name': 'Verbindungsname',
	'connect.description': 'Beschreibung',
	'connect.redirectUri': 'Weiterleitungs-URI',
	'connect.redirectHelp':
		'Registrieren Sie genau diesen Wert als Weiterleitungs-URI (Callback) Ihrer App beim Anbieter.',
	'connect.copy': 'Kopieren',
	'connect.copyLabel': 'Weiterleitungs-URI kopieren',
	'connect.copied': 'In die Zwischenablage kopiert.',
	'connect.required': 'Mit * markierte Felder sind erforderlich.',
	'connect.show': '{field} anzeigen',
	'connect.hide': '{field} verbergen',
	'connect.discouraged':
		'Nicht empfohlen: Bei dieser Art erhält Switchboard Ihr Passwort. Die OAuth-Sicherheitsempfehlungen (RFC 9700) raten davon ab; verwenden Sie sie nur, wenn der Anbieter nichts anderes anbietet.',
	'connect.mandatoryScopes': 'Pflichtbereiche: {scopes}',
	'connect.submit': 'Verbinden',
	'connect.fixErrors': 'Korrigieren Sie die markierten Felder, um fortzufahren.',
	'connect.unsupported': 'Dieser Connector kann nicht aus einem Browser verwendet werden.',
	'field.required': 'Dieses Feld ist erforderlich.',
	'field.url': 'Geben Sie eine vollständige https://-Adresse ein.',
	'field.hostname':
		'Geben Sie einen Hostnamen wie meinefirma.example.com ein, ohne https:// und ohne Pfad.',
	'field.email': 'Geben Sie eine E-Mail-Adresse ein.',
	'field.scopes':
		'Trennen Sie Bereiche durch Leerzeichen; Anführungszeichen und Backslashes sind nicht erlaubt.',
	'field.pattern': 'Dieser Wert hat nicht das erwartete Format.',
	'action.cancel': 'Abbrechen',
	'action.delete': 'Löschen',
	'action.save': 'Speichern',
	'action.saved': 'Gespeichert.',
	'callback.title': 'Anmeldung wird abgeschlossen',
	'callback.finishing': 'Die Anmeldung wird an Switchboard übergeben…',
	'callback.done': 'Angemeldet. Sie können dieses Fenster schließen.',
	'callback.unlockToFinish':
		'Entsperren Sie den Tresor, um das Anlegen der Verbindung abzuschließen.',
	'callback.failed': 'Die Verbindung wurde nicht angelegt',
	'connect.busy':
		'Verbindung wird hergestellt… Schließen Sie die Anmeldung im geöffneten Fenster ab.',
	'connections.add': 'Verbindung hinzufügen',
	'connections.filter': 'Verbindungen filtern',
	'connections.statusFilter': 'Status',
	'connections.allStatuses': 'Alle Status',
	'connections.sort': 'Sortieren nach',
	'connections.sort.name': 'Name',
	'connections.sort.connector': 'Connector',
	'connections.sort.status': 'Status',
	'connections.sort.expiry': 'Ablauf',
	'connections.count.one': '1 Verbindung',
	'connections.count': '{count} Verbindungen',
	'connections.table': 'Verbindungen in diesem Ordner',
	'connections.col.name': 'Name',
	'connections.col.connector': 'Connector',
	'connections.col.account': 'Konto',
	'connections.col.status': 'Status',
	'connections.col.expiry': 'Token läuft ab',
	'connections.default': 'Standard',
	'connections.system': 'System',
	'connections.unknownAccount': 'Unbekannt',
	'status.connected': 'Verbunden',
	'status.expiring': 'Läuft ab',
	'status.needs-reconnect': 'Neu verbinden nötig',
	'status.error': 'Fehler',
	'status.pending-authentication': 'Authentifizierung ausstehend',
	'folders.manage': 'Ordner verwalten',
	'folders.newName': 'Neuer freigegebener Ordner',
	'folders.create': 'Ordner anlegen',
	'folders.rename': '{folder} umbenennen',
	'folders.renameTo': 'Neuer Ordnername',
	'folders.delete': '{folder} löschen',
	'folders.deleteTitle': 'Ordner {folder} löschen?',
	'folders.deleteWarning.one':
		'Seine Verbindung wird mitgelöscht und ihr Token beim Anbieter widerrufen, wo das möglich ist. Das lässt sich nicht rückgängig machen.',
	'folders.deleteWarning':
		'Seine {count} Verbindungen werden mitgelöscht und ihre Token beim Anbieter widerrufen, wo das möglich ist. Das lässt sich nicht rückgängig machen.',
	'folders.deleted.one': 'Ordner mit seiner Verbindung gelöscht.',
	'folders.deleted': 'Ordner mit {count} Verbindungen gelöscht.',
	'detail.saveName': 'Namen speichern',
	'detail.rename': 'Umbenennen',
	'detail.check': 'Verbindung prüfen',
	'detail.checked': 'Geprüft um {time} (HTTP {status}).',
	'detail.learned': 'vom Anbieter',
	'detail.chooseLearned': 'Andere Auswahl für {name}',
	'connect.browserLimit': 'Im Browser allein nicht möglich:',
	'detail.refreshNow': 'Jetzt aktualisieren',
	'detail.refreshed': 'Das Zugriffstoken wurde aktualisiert.',
	'detail.reconnect': 'Neu verbinden',
	'detail.reconnected': 'Neu verbunden.',
	'detail.setDefault': 'Als Standard festlegen',
	'detail.lastError': 'Letzter Fehler',
	'detail.connector': 'Connector',
	'detail.account': 'Konto',
	'detail.scopes': 'Gewährte Bereiche',
	'detail.missingScopes':
		'Fehlende Pflichtbereiche: {scopes}. Einige Aktionen werden scheitern; ergänzen Sie sie in der App und verbinden Sie sich neu.',
	'detail.expires': 'Zugriffstoken läuft ab',
	'detail.nextRefresh': 'Nächste geplante Aktualisierung',
	'detail.lastRefresh': 'Letzte Aktualisierung',
	'detail.refresh.ok': 'erfolgreich',
	'detail.refresh.failed': 'fehlgeschlagen',
	'detail.lastChecked': 'Zuletzt geprüft',
	'detail.settings': 'Details',
	'detail.pollingInterval': 'Abfrageintervall (Minuten)',
	'detail.moveTo': 'In Ordner verschieben',
	'detail.move': 'Verschieben',
	'detail.moved': 'Verschoben.',
	'detail.deleteTitle': '{name} löschen?',
	'detail.deleteWarning':
		'Die Verbindung wird von diesem Gerät entfernt und ihr Token beim Anbieter widerrufen, wo das möglich ist. Das lässt sich nicht rückgängig machen.',
	'console.title': 'Anfragekonsole',
	'console.intro':
		'Senden Sie eine Anfrage über diese Verbindung: Die Authentifizierung wird automatisch ergänzt.',
	'console.method': 'Methode',
	'console.path': 'Pfad',
	'console.headers': 'Header (ein „Name: Wert“ pro Zeile)',
	'console.body': 'Inhalt',
	'console.send': 'Anfrage senden',
	'console.copyCurl': 'Als curl kopieren',
	'console.includeSecrets': 'Geheimnis einschließen',
	'console.proofTitle': 'Bestätigen Sie mit Ihrer Passphrase, um das Geheimnis einzuschließen',
	'console.proofPassphrase': 'Ihre Passphrase',
	'console.proofSubmit': 'Bestätigen und kopieren',
	'console.curl': 'curl-Befehl',
	'console.curlCopied': 'Der curl-Befehl wurde in die Zwischenablage kopiert.',
	'console.status': 'Status',
	'console.responseHeaders': 'Antwort-Header',
	'console.responseBody': 'Antwortinhalt',
	'console.truncated': 'Die Antwort wurde nach einer Million Zeichen abgeschnitten.',
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
	'bridge.title': 'Browser-Brücke',
	'bridge.intro':
		'Viele Anbieter beantworten keine Anfragen aus einer Webseite. Die Erweiterung Switchboard Bridge sendet diese Anfragen für Switchboard aus diesem Browser – nur an die Hosts, die Sie erlauben, und nur, was Switchboard für sie versiegelt.',
	'bridge.status.unknown': 'Suche nach der Erweiterung …',
	'bridge.status.notInstalled':
		'Die Erweiterung Switchboard Bridge ist in diesem Browser nicht installiert.',
	'bridge.status.installed':
		'Die Switchboard Bridge ist installiert, aber nicht mit diesem Tresor gekoppelt.',
	'bridge.status.paired': 'Die Switchboard Bridge ist seit {date} mit diesem Tresor gekoppelt.',
	'bridge.install.download': 'Laden Sie die Erweiterung herunter:',
	'bridge.install.zip': 'switchboard-bridge.zip',
	'bridge.install.load':
		'Entpacken Sie sie, öffnen Sie die Erweiterungsseite des Browsers (chrome://extensions), schalten Sie den Entwicklermodus ein und wählen Sie „Entpackte Erweiterung laden“ mit dem entpackten Ordner.',
	'bridge.install.reload': 'Kommen Sie hierher zurück und wählen Sie Erneut prüfen.',
	'bridge.checkAgain': 'Erneut prüfen',
	'bridge.pair': 'Koppeln',
	'bridge.pair.compare':
		'Die Erweiterung hat ein Fenster geöffnet. Koppeln Sie nur, wenn es diesen Code zeigt:',
	'bridge.test': 'Testanfrage senden',
	'bridge.test.ok':
		'Die Erweiterung hat eine versiegelte Anfrage in {ms} ms beantwortet (Version {version}).',
	'bridge.unpair': 'Entkoppeln',
	'bridge.hosts': 'Hosts, die die Brücke erreichen darf',
	'bridge.hosts.none':
		'Noch kein Host gewährt. Beim Verbinden mit einem Anbieter, der die Brücke braucht, wird nach seinen Hosts gefragt.',
	'bridge.hosts.since': 'gewährt {date}',
	'bridge.hosts.remove': '{host} entfernen',
	'bridge.hosts.removeShort': 'Entfernen',
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
	'error.vault.proof-required.message':
		'Zum Kopieren eines Geheimnisses wird Ihre Passphrase erneut benötigt.',
	'error.vault.proof-required.resolution':
		'Geben Sie unten Ihre Passphrase ein; sie gilt eine Minute lang.',
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
	'error.oauth.invalid-client.message':
		'Der Anbieter hat die Client-ID oder das Client-Geheimnis abgelehnt.',
	'error.oauth.invalid-client.resolution':
		'Kopieren Sie beide erneut aus der App-Registrierung im Entwicklerportal des Anbieters.',
	'error.oauth.redirect-mismatch.message':
		'Die beim Anbieter registrierte Weiterleitungs-URI stimmt nicht mit der von Switchboard überein.',
	'error.oauth.redirect-mismatch.resolution':
		'Tragen Sie in der App-Registrierung des Anbieters genau den Wert ein, der auf dem Verbindungsbildschirm steht.',
	'error.oauth.access-denied.message':
		'Der Zugriff wurde verweigert: Die Zustimmung wurde abgelehnt oder Bereiche fehlen.',
	'error.oauth.access-denied.resolution':
		'Erteilen Sie den angeforderten Zugriff oder ergänzen Sie die erforderlichen Bereiche in der App des Anbieters und verbinden Sie sich erneut.',
	'error.oauth.insufficient-scope.message':
		'Der Verbindung fehlen Bereiche, die der Connector benötigt.',
	'error.oauth.insufficient-scope.resolution':
		'Ergänzen Sie die Pflichtbereiche in der App-Registrierung und verbinden Sie sich erneut.',
	'error.oauth.short-lived.message':
		'Das Zugriffstoken läuft bald ab, und der Anbieter hat kein Aktualisierungstoken ausgegeben.',
	'error.oauth.short-lived.resolution':
		'Aktivieren Sie Aktualisierungstoken (Offline-Zugriff) in der App des Anbieters oder verlängern Sie die Gültigkeit und verbinden Sie sich erneut.',
	'error.oauth.state-mismatch.message':
		'Die Antwort der Anmeldung gehörte nicht zu der von Switchboard gestarteten Anmeldung; sie könnte gefälscht sein.',
	'error.oauth.state-mismatch.resolution':
		'Es wurde nichts gespeichert. Starten Sie die Verbindung in diesem Tab erneut.',
	'error.oauth.missing-code.message': 'Der Anbieter hat ohne Autorisierungscode zurückgeleitet.',
	'error.oauth.missing-code.resolution':
		'Starten Sie die Verbindung erneut; wenn es wieder passiert, prüfen Sie die App-Registrierung.',
	'error.oauth.provider-error.message': 'Der Anbieter hat einen Fehler gemeldet.',
	'error.oauth.provider-error.resolution':
		'Prüfen Sie die App-Registrierung und die Verbindungseinstellungen und versuchen Sie es erneut.',
	'error.oauth.invalid-grant.message':
		'Der Anbieter akzeptiert diese Anmeldung nicht mehr (die Berechtigung ist abgelaufen oder wurde widerrufen).',
	'error.oauth.invalid-grant.resolution': 'Verbinden Sie sich erneut, um sich wieder anzumelden.',
	'error.oauth.id-token-invalid.message':
		'Das Identitätstoken des Anbieters hat die Prüfung nicht bestanden.',
	'error.oauth.id-token-invalid.resolution':
		'Versuchen Sie es erneut; wenn es wieder passiert, liegt der Fehler beim Anbieter oder seiner Konfiguration.',
	'error.oauth.bad-response.message':
		'Der Anbieter hat etwas geantwortet, das keine gültige OAuth-Antwort ist (zum Beispiel eine HTML-Seite oder fehlerhaftes JSON).',
	'error.oauth.bad-response.resolution':
		'Prüfen Sie die Token-URL in den Connector-Einstellungen oder versuchen Sie es später erneut.',
	'error.oauth.server-error.message': 'Beim Anbieter ist ein Serverfehler aufgetreten.',
	'error.oauth.server-error.resolution':
		'Warten Sie einen Moment und versuchen Sie es erneut; Aktualisierungen wiederholt Switchboard selbst.',
	'error.oauth.rate-limited.message': 'Der Anbieter begrenzt die Anfragen.',
	'error.oauth.rate-limited.resolution':
		'Warten Sie etwas; Switchboard wiederholt nach der vom Anbieter genannten Zeit.',
	'error.oauth.cors.message':
		'Der Anbieter war vom Browser aus nicht erreichbar: Er lehnt Anfragen von Browser-Apps ab (CORS) oder ist nicht verfügbar.',
	'error.oauth.cors.resolution':
		'Prüfen Sie, ob der Anbieter verfügbar ist. Wenn ja, erlaubt er keine Browser-Apps: Installieren und koppeln Sie die Erweiterung Switchboard Bridge (Einstellungen › Browser-Brücke), die solche Anfragen aus diesem Browser sendet, oder verwenden Sie eine Authentifizierungsart mit „Funktioniert direkt“.',
	'error.bridge.required.message':
		'Ein Host, den dieser Connector braucht, beantwortet keine Anfragen aus einer Browserseite, und die Erweiterung Switchboard Bridge ist hier nicht eingerichtet. Es wurde nichts gesendet und nichts gespeichert.',
	'error.bridge.required.resolution':
		'Installieren Sie die Erweiterung Switchboard Bridge, koppeln Sie sie unter Einstellungen › Browser-Brücke und wählen Sie erneut Verbinden – oder wählen Sie einen Connector oder eine Authentifizierungsart mit „Funktioniert direkt“.',
	'error.bridge.not-installed.message':
		'Die Erweiterung Switchboard Bridge antwortet in diesem Browser nicht.',
	'error.bridge.not-installed.resolution':
		'Installieren oder aktivieren Sie die Erweiterung (wie, steht unter Einstellungen › Browser-Brücke), laden Sie die Seite neu und versuchen Sie es erneut.',
	'error.bridge.not-paired.message':
		'Die Erweiterung Switchboard Bridge ist nicht mit dieser Switchboard-Kopie gekoppelt, oder die Kopplung wurde entfernt.',
	'error.bridge.not-paired.resolution':
		'Koppeln Sie sie erneut unter Einstellungen › Browser-Brücke.',
	'error.bridge.pair-denied.message':
		'Die Kopplung wurde im Fenster der Erweiterung abgebrochen oder nicht rechtzeitig bestätigt.',
	'error.bridge.pair-denied.resolution':
		'Wählen Sie erneut Koppeln und bestätigen Sie im Fenster der Erweiterung, dass dort derselbe Code steht.',
	'error.bridge.grant-denied.message':
		'Der Zugriff auf die Hosts des Connectors wurde der Switchboard Bridge nicht gewährt. Es wurde nichts gesendet und nichts gespeichert.',
	'error.bridge.grant-denied.resolution':
		'Wählen Sie erneut Verbinden und erlauben Sie den Zugriff im Fenster der Erweiterung und in der Abfrage des Browsers.',
	'error.bridge.host-not-granted.message':
		'Die Switchboard Bridge darf keine Anfragen an diesen Host senden: Der Zugriff darauf wurde nicht gewährt oder entfernt.',
	'error.bridge.host-not-granted.resolution':
		'Gewähren Sie den Host erneut: Wählen Sie bei der Verbindung Erneut verbinden (bei einer neuen Verbinden) und erlauben Sie den Zugriff, wenn die Erweiterung fragt.',
	'error.bridge.stale.message':
		'Die Switchboard Bridge hat eine zu alte oder doppelt gesendete Anfrage abgelehnt.',
	'error.bridge.stale.resolution':
		'Prüfen Sie, ob die Uhr dieses Computers stimmt, und versuchen Sie es erneut.',
	'error.bridge.url.message':
		'Die Switchboard Bridge hat die Adresse abgelehnt: Sie sendet nur an https-Adressen (http nur an diesen Computer).',
	'error.bridge.url.resolution': 'Prüfen Sie die URLs des Connectors und die Werte der Verbindung.',
	'error.bridge.too-large.message':
		'Die Anfrage ist für die Switchboard Bridge zu groß (höchstens 1 MB).',
	'error.bridge.too-large.resolution': 'Senden Sie einen kleineren Inhalt.',
	'error.bridge.timeout.message':
		'Der Anbieter hat der Switchboard Bridge nicht rechtzeitig geantwortet.',
	'error.bridge.timeout.resolution':
		'Versuchen Sie es gleich noch einmal; Aktualisierungen wiederholt Switchboard selbst.',
	'error.bridge.redirected.message':
		'Der Anbieter hat auf die Anfrage der Brücke mit einer Weiterleitung geantwortet; Zugangsdaten werden nie an eine andere Adresse weitergegeben.',
	'error.bridge.redirected.resolution':
		'Prüfen Sie die URLs des Connectors: Der Anbieter hat seine API womöglich verlegt.',
	'error.bridge.network.message':
		'Die Switchboard Bridge hat den Anbieter nicht erreicht (Namensauflösung, Zertifikat oder Verbindung fehlgeschlagen).',
	'error.bridge.network.resolution':
		'Prüfen Sie Ihre Netzwerkverbindung und ob der Anbieter verfügbar ist, und versuchen Sie es erneut.',
	'error.bridge.invalid.message':
		'Die Switchboard Bridge hat eine Antwort gesendet, die sich nicht öffnen oder verstehen ließ.',
	'error.bridge.invalid.resolution':
		'Aktualisieren Sie die Erweiterung, koppeln Sie sie unter Einstellungen › Browser-Brücke erneut und versuchen Sie es noch einmal.',
	'error.oauth.browser-refused.message':
		'Der Anbieter schließt diese Anmeldung für eine im Browser laufende App nicht ab.',
	'error.oauth.browser-refused.resolution':
		'Registrieren Sie die App als Single-Page-Anwendung (öffentlicher Client mit PKCE) und verwenden Sie diese Authentifizierungsart, oder wählen Sie eine andere Authentifizierungsart dieses Connectors.',
	'error.oauth.popup-closed.message':
		'Das Anmeldefenster wurde geschlossen, bevor die Anmeldung abgeschlossen war.',
	'error.oauth.popup-closed.resolution':
		'Wählen Sie erneut Verbinden und schließen Sie die Anmeldung ab. Hat der Anbieter einen Fehler zur Weiterleitungs-URI gezeigt, registrieren Sie zuerst genau die auf dem Verbindungsbildschirm angezeigte Weiterleitungs-URI in der App des Anbieters.',
	'error.oauth.revoke-failed.message':
		'Die Verbindung wurde gelöscht, aber der Anbieter konnte nicht zum Widerruf des Tokens aufgefordert werden.',
	'error.oauth.revoke-failed.resolution':
		'Widerrufen Sie den Zugriff von Switchboard in den Kontoeinstellungen des Anbieters.',
	'error.network.offline.message': 'Sie sind offline.',
	'error.network.offline.resolution':
		'Stellen Sie die Netzwerkverbindung wieder her; gespeicherte Verbindungen bleiben so lange verfügbar.',
	'error.network.timeout.message': 'Der Server hat nicht rechtzeitig geantwortet.',
	'error.network.timeout.resolution':
		'Versuchen Sie es gleich noch einmal. Wenn es wieder passiert, prüfen Sie die Statusseite des Anbieters.',
	'error.connection.not-found.message': 'Diese Verbindung existiert nicht mehr.',
	'error.connection.not-found.resolution':
		'Sie wurde eventuell in einem anderen Tab gelöscht. Kehren Sie zur Liste zurück.',
	'error.connection.unauthorized.message':
		'Der Anbieter hat die Anmeldedaten der Verbindung abgelehnt.',
	'error.connection.unauthorized.resolution':
		'Prüfen Sie die Anmeldedaten oder verbinden Sie sich erneut.',
	'error.connection.check-failed.message': 'Die Prüfanfrage war nicht erfolgreich.',
	'error.connection.check-failed.resolution':
		'Sehen Sie sich die Antwort unten an; prüfen Sie die Verbindungseinstellungen und den Status des Anbieters.',
	'error.connection.redirected.message':
		'Die API hat mit einer Weiterleitung geantwortet; Switchboard folgt ihr nicht mit Ihren Anmeldedaten.',
	'error.connection.redirected.resolution':
		'Verwenden Sie die Adresse, auf die die API weiterleitet, als Anfragepfad oder Basis-URL, wenn Sie ihr vertrauen.',
	'error.connection.needs-reconnect.message':
		'Die Authentifizierungseinstellungen des Connectors haben sich seit dem Anlegen dieser Verbindung geändert.',
	'error.connection.needs-reconnect.resolution':
		'Verbinden Sie sich erneut, um sich mit den aktuellen Einstellungen anzumelden.',
	'error.folder.not-found.message': 'Dieser Ordner existiert nicht mehr.',
	'error.folder.not-found.resolution': 'Wählen Sie einen anderen Ordner.',
	'error.folder.protected.message':
		'Mein Arbeitsbereich kann nicht umbenannt oder gelöscht werden.',
	'error.folder.protected.resolution': 'Legen Sie stattdessen einen freigegebenen Ordner an.',
	'error.detail': 'Einzelheiten: {detail}',
	'error.input.invalid.message': 'Einige Eingaben sind ungültig.',
	'error.input.invalid.resolution': 'Korrigieren Sie die markierten Felder.',
	'error.internal.message': 'Etwas Unerwartetes ist schiefgegangen.',
	'error.internal.resolution':
		'Versuchen Sie es erneut; wenn es wieder passiert, laden Sie die App neu. Ihre gespeicherten Daten sind unverändert.'
};
