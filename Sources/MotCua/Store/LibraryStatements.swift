/// Every static SQL statement of the library — the fixed texts it passes to `Connection.query`
/// — by name, so a test can prepare each one against the migrated schema and a typo or a
/// dropped column fails a unit test, not a user.
///
/// A name is the type that runs the statement and its constant without the `Statement`
/// suffix (`WorkQueue.claim` is ``WorkQueue/claimStatement``); ``StepCompletion/statement`` is
/// `StepCompletion.complete`, after its function. Statements made at run time from identifiers
/// (`CREATE DATABASE` in ``EmbeddedDatabase``, the migration scripts and the ledger's
/// `CREATE TABLE` that ``Migrator`` runs as scripts) are not listed: they are not static, or
/// cannot be prepared.
package enum LibraryStatements {
    /// Every static statement: its name, its text, and the PostgreSQL type names of its
    /// parameters in order where the server cannot infer them from the text (empty otherwise).
    package static let all: [(name: String, sql: String, parameterTypes: [String])] = [
        // Catalog
        ("CatalogLoader.lock", CatalogLoader.lockStatement, []),
        ("CatalogLoader.upsertDepartment", CatalogLoader.upsertDepartmentStatement, []),
        ("CatalogLoader.upsertOfficer", CatalogLoader.upsertOfficerStatement, []),
        ("CatalogLoader.assignProcedures", CatalogLoader.assignProceduresStatement, []),
        ("CatalogLoader.latestVersion", CatalogLoader.latestVersionStatement, []),
        ("CatalogLoader.recordHash", CatalogLoader.recordHashStatement, []),
        ("CatalogLoader.receivedSince", CatalogLoader.receivedSinceStatement, []),
        ("CatalogLoader.endVersion", CatalogLoader.endVersionStatement, []),
        ("CatalogLoader.insertProcedure", CatalogLoader.insertProcedureStatement, []),
        ("CatalogLoader.insertDocument", CatalogLoader.insertDocumentStatement, []),
        ("CatalogLoader.insertStep", CatalogLoader.insertStepStatement, []),
        ("CatalogProcedure.definitionHash", CatalogProcedure.definitionHashStatement, []),
        ("CatalogRetraction.used", CatalogRetraction.usedStatement, []),
        ("CatalogRetraction.remove", CatalogRetraction.removeStatement, []),
        ("CatalogRetraction.reopen", CatalogRetraction.reopenStatement, []),
        ("CatalogReader.procedures", CatalogReader.proceduresStatement, []),
        ("CatalogReader.departmentExists", CatalogReader.departmentExistsStatement, []),
        ("CatalogReader.versions", CatalogReader.versionsStatement, []),
        ("CatalogReader.definition", CatalogReader.definitionStatement, []),
        ("CatalogReader.documents", CatalogReader.documentsStatement, []),
        ("CatalogReader.route", CatalogReader.routeStatement, []),
        // Intake
        ("IntakeRecord.insert", IntakeRecord.insertStatement, []),
        ("IntakeRecord.idempotencyKeys", IntakeRecord.idempotencyKeysStatement, []),
        ("IntakeRecord.conflictingKeys", IntakeRecord.conflictingKeysStatement, []),
        ("IntakeRecord.replaceTrackingSecrets", IntakeRecord.replaceTrackingSecretsStatement, []),
        ("IntakeRecord.result", IntakeRecord.resultStatement, []),
        ("IntakeRecord.resultDocuments", IntakeRecord.resultDocumentsStatement, []),
        ("ProcedureTerms.terms", ProcedureTerms.termsStatement, []),
        ("ProcedureTerms.documents", ProcedureTerms.documentsStatement, []),
        // Migrations
        ("Migrator.lock", Migrator.lockStatement, []),
        ("Migrator.unlock", Migrator.unlockStatement, []),
        ("Migrator.ledgerExists", Migrator.ledgerExistsStatement, []),
        ("Migrator.recorded", Migrator.recordedStatement, []),
        ("Migrator.checksums", Migrator.checksumsStatement, []),
        ("Migrator.record", Migrator.recordStatement, []),
        // Queue
        ("Doorbell.ring", Doorbell.ringStatement, []),
        ("OfficerAssignment.candidates", OfficerAssignment.candidatesStatement, []),
        ("OfficerAssignment.assign", OfficerAssignment.assignStatement, []),
        ("OfficerAssignment.lockDossier", OfficerAssignment.lockDossierStatement, []),
        ("QueueSupervision.list", QueueSupervision.listStatement, []),
        ("QueueSupervision.stats", QueueSupervision.statsStatement, []),
        ("QueueSupervision.retry", QueueSupervision.retryStatement, []),
        ("QueueSupervision.release", QueueSupervision.releaseStatement, []),
        ("QueueSupervision.lockDossier", QueueSupervision.lockDossierStatement, []),
        ("QueueSupervision.lockItem", QueueSupervision.lockItemStatement, []),
        ("Routing.nextStep", Routing.nextStepStatement, []),
        ("WorkQueue.claim", WorkQueue.claimStatement, []),
        ("WorkQueue.enqueue", WorkQueue.enqueueStatement, []),
        ("WorkQueue.release", WorkQueue.releaseStatement, []),
        ("WorkQueue.retry", WorkQueue.retryStatement, []),
        ("WorkQueue.flag", WorkQueue.flagStatement, []),
        ("WorkQueue.heartbeat", WorkQueue.heartbeatStatement, []),
        ("WorkQueue.rescue", WorkQueue.rescueStatement, []),
        ("WorkQueue.archive", WorkQueue.archiveStatement, []),
        // Reporting
        ("SummaryReport.departments", SummaryReport.departmentsStatement, []),
        ("SummaryReport.states", SummaryReport.statesStatement, []),
        // Officer
        ("OfficerInbox.activeOfficer", OfficerInbox.activeOfficerStatement, []),
        ("OfficerDecision.dossier", OfficerDecision.dossierStatement, []),
        ("OfficerDecision.assignedItem", OfficerDecision.assignedItemStatement, []),
        ("OfficerDecision.officer", OfficerDecision.officerStatement, []),
        ("OfficerDecision.completeItem", OfficerDecision.completeItemStatement, []),
        ("OfficerDecision.route", OfficerDecision.routeStatement, []),
        ("OfficerDecision.resolve", OfficerDecision.resolveStatement, []),
        ("OfficerDecision.end", OfficerDecision.endStatement, []),
        ("OfficerDecision.requests", OfficerDecision.requestsStatement, []),
        ("Consultation.count", Consultation.countStatement, []),
        ("Consultation.open", Consultation.openStatement, []),
        ("DossierClosing.mayAct", DossierClosing.mayActStatement, []),
        ("DossierClosing.closeItems", DossierClosing.closeItemsStatement, []),
        ("DossierClosing.apology", DossierClosing.apologyStatement, []),
        ("DossierClosing.dueDate", DossierClosing.dueDateStatement, []),
        ("SupplementDesk.mayReceive", SupplementDesk.mayReceiveStatement, []),
        ("PaymentDesk.step", PaymentDesk.stepStatement, []),
        ("DossierDeadline.pauseEvents", DossierDeadline.pauseEventsStatement, []),
        ("DossierDeadline.excludedSteps", DossierDeadline.excludedStepsStatement, []),
        ("DossierDeadline.rules", DossierDeadline.rulesStatement, []),
        ("DossierDeadline.due", DossierDeadline.dueStatement, []),
        ("OfficerInbox.inbox", OfficerInbox.inboxStatement, []),
        // Store
        ("CalendarStore.overrides", CalendarStore.overridesStatement, []),
        ("CalendarStore.set", CalendarStore.setStatement, []),
        ("CalendarStore.unset", CalendarStore.unsetStatement, []),
        ("CalendarStore.openDueFrom", CalendarStore.openDueFromStatement, []),
        ("DatabaseClock.now", DatabaseClock.nowStatement, []),
        ("DatabaseClock.read", DatabaseClock.readStatement, []),
        ("DatabaseClock.simulate", DatabaseClock.simulateStatement, []),
        ("DatabaseClock.advance", DatabaseClock.advanceStatement, []),
        ("DatabaseClock.useServerTime", DatabaseClock.useServerTimeStatement, []),
        ("EmbeddedDatabase.databaseExists", EmbeddedDatabase.databaseExistsStatement, []),
        ("EventLog.append", EventLog.appendStatement, []),
        ("PersonalDataAccess.record", PersonalDataAccess.recordStatement, []),
        ("ReferenceLog.append", ReferenceLog.appendStatement, []),
        ("DossierStore.setState", DossierStore.setStateStatement, []),
        // Tracking
        ("DossierRecord.mayRead", DossierRecord.mayReadStatement, []),
        ("DossierRecord.read", DossierRecord.readStatement, []),
        ("DossierTimeline.head", DossierTimeline.headStatement, []),
        ("DossierTimeline.events", DossierTimeline.eventsStatement, []),
        ("DossierTimeline.steps", DossierTimeline.stepsStatement, []),
        ("DossierTracking.lookup", DossierTracking.lookupStatement, []),
        ("DossierTracking.failure", DossierTracking.failureStatement, []),
        ("DossierTracking.steps", DossierTracking.stepsStatement, []),
        // Worker
        ("DepartmentWorker.listenerCheck", DepartmentWorker.listenerCheckStatement, []),
        ("StepCompletion.complete", StepCompletion.statement, []),
        ("WorkerCounters.flush", WorkerCounters.flushStatement, []),
        ("WorkerCounters.remove", WorkerCounters.removeStatement, []),
    ]
}
