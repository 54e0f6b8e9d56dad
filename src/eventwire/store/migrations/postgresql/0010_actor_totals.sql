-- PostgreSQL twin of sqlite/0010_actor_totals.sql: events per knowledge-base actor, kept on write.
CREATE TABLE IF NOT EXISTS totals_by_actor (
    actor_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    events   BIGINT NOT NULL
);

INSERT INTO totals_by_actor (actor_id, events)
    SELECT a.actor_id, count(DISTINCT a.event_id)
    FROM event_actors a JOIN events e ON e.event_id = a.event_id WHERE a.actor_id IS NOT NULL
    GROUP BY 1;
