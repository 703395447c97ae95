DROP INDEX `job_items_status_idx`;--> statement-breakpoint
CREATE INDEX `job_items_status_idx` ON `job_items` (`status`,`job_id`,`idx`);