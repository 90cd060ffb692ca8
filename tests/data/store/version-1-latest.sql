BEGIN TRANSACTION;
CREATE TABLE "alerts" (
   "id" INTEGER PRIMARY KEY,
   "change_id" INTEGER,
   "document" TEXT,
   "kind" TEXT,
   "channel" TEXT,
   "state" TEXT DEFAULT 'pending',
   "attempts" INTEGER DEFAULT 0,
   "last_error" TEXT,
   "created_at" TEXT,
   "next_attempt_at" TEXT,
   "sent_at" TEXT,
   "payload" TEXT,
   "uid" TEXT,
   "lease_until" TEXT
);
INSERT INTO "alerts" VALUES(1,1,'Example/Privacy Policy','change','json://127.0.0.1:9/alerts','pending',0,NULL,'2026-11-21T10:00:00+00:00','2026-11-21T10:00:00+00:00',NULL,'{"service": "Example"}','2f4e34cb3bb04aa5',NULL);
CREATE TABLE "changes" (
   "id" INTEGER PRIMARY KEY,
   "document" TEXT REFERENCES "documents"("key"),
   "from_version" INTEGER,
   "to_version" INTEGER,
   "detected_at" TEXT,
   "added" INTEGER,
   "removed" INTEGER,
   "severity" TEXT,
   "ai_relevant" INTEGER,
   "findings" TEXT,
   "summary" TEXT,
   "detail" TEXT,
   "kind" TEXT
);
INSERT INTO "changes" VALUES(1,'Example/Privacy Policy',1,2,'2026-11-21T10:00:00+00:00',1,0,'high',1,'[]','AI training added','{"added": 1, "removed": 0}','change');
CREATE TABLE "channels" (
   "url" TEXT PRIMARY KEY,
   "failures" INTEGER DEFAULT 0,
   "next_attempt_at" TEXT,
   "last_error" TEXT
);
CREATE TABLE "checks" (
   "id" INTEGER PRIMARY KEY,
   "document" TEXT REFERENCES "documents"("key"),
   "started_at" TEXT,
   "duration" REAL,
   "status" TEXT,
   "http_status" INTEGER,
   "error" TEXT,
   "error_kind" TEXT,
   "snapshot" TEXT,
   "version" INTEGER
);
INSERT INTO "checks" VALUES(1,'Example/Privacy Policy','2026-11-20T10:00:00+00:00',0.5,'new',200,NULL,NULL,NULL,1);
INSERT INTO "checks" VALUES(2,'Example/Privacy Policy','2026-11-21T10:00:00+00:00',0.5,'changed',200,NULL,NULL,NULL,2);
CREATE TABLE "documents" (
   "key" TEXT PRIMARY KEY,
   "service" TEXT,
   "type" TEXT,
   "url" TEXT,
   "health" TEXT DEFAULT 'unknown',
   "last_check" TEXT,
   "last_success" TEXT,
   "last_change" TEXT,
   "consecutive_failures" INTEGER DEFAULT 0,
   "last_error" TEXT,
   "last_error_kind" TEXT,
   "current_version" INTEGER,
   "tracking_broken" INTEGER DEFAULT 0,
   "next_run" TEXT,
   "pending_text" TEXT
, failing_since TEXT, restored_at TEXT, broken_quiet INTEGER);
INSERT INTO "documents" VALUES('Example/Privacy Policy','Example','Privacy Policy','https://example.com/privacy','ok','2026-11-21T10:00:00+00:00','2026-11-21T10:00:00+00:00','2026-11-21T10:00:00+00:00',0,NULL,NULL,2,0,NULL,NULL,NULL,NULL,NULL);
CREATE TABLE "flaps" (
   "id" INTEGER PRIMARY KEY,
   "document" TEXT,
   "at" TEXT,
   "reason" TEXT
);
CREATE TABLE "meta" (
   "key" TEXT PRIMARY KEY,
   "value" TEXT
);
INSERT INTO "meta" VALUES('schema_version','1');
CREATE TABLE "sources" (
   "document" TEXT,
   "url" TEXT,
   "etag" TEXT,
   "last_modified" TEXT,
   "body_hash" TEXT,
   "text_hash" TEXT,
   "extract_key" TEXT,
   PRIMARY KEY ("document", "url")
);
INSERT INTO "sources" VALUES('Example/Privacy Policy','https://example.com/privacy','"v2"',NULL,NULL,'a92045998a2f0329311de29aa53a1c952cc8e1d076c45581d10596b0019168d3',NULL);
CREATE TABLE "versions" (
   "id" INTEGER PRIMARY KEY,
   "document" TEXT REFERENCES "documents"("key"),
   "number" INTEGER,
   "text_hash" TEXT,
   "length" INTEGER,
   "title" TEXT,
   "first_seen" TEXT,
   "last_seen" TEXT
);
INSERT INTO "versions" VALUES(1,'Example/Privacy Policy',1,'9e8a0b40a4c7e378988bb0c41da62582b09987f347c9a5f4a1218f0b043f9a13',21,'Privacy Policy','2026-11-20T10:00:00+00:00','2026-11-20T10:00:00+00:00');
INSERT INTO "versions" VALUES(2,'Example/Privacy Policy',2,'a92045998a2f0329311de29aa53a1c952cc8e1d076c45581d10596b0019168d3',48,'Privacy Policy','2026-11-21T10:00:00+00:00','2026-11-21T10:00:00+00:00');
CREATE INDEX "idx_versions_document_text_hash"
    ON "versions" ("document", "text_hash");
CREATE UNIQUE INDEX "idx_versions_document_number"
    ON "versions" ("document", "number");
CREATE INDEX "idx_checks_document_started_at"
    ON "checks" ("document", "started_at");
CREATE INDEX "idx_changes_detected_at"
    ON "changes" ("detected_at");
CREATE INDEX "idx_changes_document"
    ON "changes" ("document");
CREATE INDEX "idx_alerts_state"
    ON "alerts" ("state");
COMMIT;
