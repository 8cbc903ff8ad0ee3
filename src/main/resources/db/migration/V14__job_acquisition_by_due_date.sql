-- Job acquisition that stays flat however many invoices wait. Every invoice waiting in the circuit
-- holds a timer (the payment warning, due weeks ahead); Camunda's acquisition query asks for jobs
-- "due now or without a due date", which no index answers, so each poll read the whole ACT_RU_JOB
-- (24,000 rows per invoice at 10,000 waiting). With the engine's ensureJobDueDateNotNull (every new
-- job gets a due date: now for asynchronous steps) and jobExecutorAcquireByDueDate (set in
-- application.yaml), the query becomes "due before now, in due order", which this index answers by
-- reading the due jobs only. Jobs created before these settings have no due date: they are given
-- their creation time, or they would never be acquired.
DO $$
BEGIN
    IF to_regclass('public.act_ru_job') IS NOT NULL THEN
        UPDATE public.act_ru_job SET duedate_ = coalesce(create_time_, LOCALTIMESTAMP) WHERE duedate_ IS NULL;
        CREATE INDEX IF NOT EXISTS facteur_idx_job_acquisition ON public.act_ru_job (duedate_)
            WHERE retries_ > 0 AND suspension_state_ = 1;
        ANALYZE public.act_ru_job;
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'Job acquisition index not created: Camunda''s tables belong to another role (see README, Security)';
END;
$$;
