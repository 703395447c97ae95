CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text DEFAULT '' NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`,`id`);--> statement-breakpoint
CREATE TABLE `case_reviews_state` (
	`case_id` integer PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`approvals` integer DEFAULT 0 NOT NULL,
	`rejections` integer DEFAULT 0 NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_reviews_state_status_idx` ON `case_reviews_state` (`status`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`reviewer_id` text NOT NULL,
	`reviewer_name` text DEFAULT '' NOT NULL,
	`decision` text NOT NULL,
	`reason` text,
	`note` text DEFAULT '' NOT NULL,
	`case_revision` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reviews_case_idx` ON `reviews` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `reviews_reviewer_case_idx` ON `reviews` (`reviewer_id`,`case_id`);--> statement-breakpoint
-- Hand-written below (not in the drizzle snapshot): indexes on cases for the review filters, a
-- state row per case kept by a trigger, and an FTS5 trigram index of the request and backgrounds
-- for substring search. See db/schema-review.ts.
CREATE INDEX `cases_domain_outcome_idx` ON `cases` (`domain_id`,`outcome`);--> statement-breakpoint
CREATE INDEX `cases_outcome_idx` ON `cases` (`outcome`);--> statement-breakpoint
CREATE INDEX `cases_generator_idx` ON `cases` (`generator`);--> statement-breakpoint
CREATE INDEX `cases_persona_idx` ON `cases` (`persona_id`);--> statement-breakpoint
INSERT INTO `case_reviews_state` (`case_id`) SELECT `id` FROM `cases`;--> statement-breakpoint
CREATE TRIGGER `cases_review_state_ai` AFTER INSERT ON `cases` BEGIN
  INSERT INTO `case_reviews_state` (`case_id`) VALUES (new.`id`);
END;--> statement-breakpoint
CREATE VIRTUAL TABLE `case_search` USING fts5(`body`, tokenize = 'trigram');--> statement-breakpoint
INSERT INTO `case_search` (`rowid`, `body`)
  SELECT `id`, coalesce(json_extract(`data`, '$.task'), '') || char(10) || coalesce(json_extract(`data`, '$.user_background'), '') || char(10) || coalesce(json_extract(`data`, '$.hack_success_user_background'), '') FROM `cases`;--> statement-breakpoint
CREATE TRIGGER `cases_search_ai` AFTER INSERT ON `cases` BEGIN
  INSERT INTO `case_search` (`rowid`, `body`) VALUES (new.`id`, coalesce(json_extract(new.`data`, '$.task'), '') || char(10) || coalesce(json_extract(new.`data`, '$.user_background'), '') || char(10) || coalesce(json_extract(new.`data`, '$.hack_success_user_background'), ''));
END;--> statement-breakpoint
CREATE TRIGGER `cases_search_au` AFTER UPDATE OF `data` ON `cases` BEGIN
  UPDATE `case_search` SET `body` = coalesce(json_extract(new.`data`, '$.task'), '') || char(10) || coalesce(json_extract(new.`data`, '$.user_background'), '') || char(10) || coalesce(json_extract(new.`data`, '$.hack_success_user_background'), '') WHERE `rowid` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `cases_search_ad` AFTER DELETE ON `cases` BEGIN
  DELETE FROM `case_search` WHERE `rowid` = old.`id`;
END;
