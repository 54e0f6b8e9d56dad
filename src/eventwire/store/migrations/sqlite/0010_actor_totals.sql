-- Events per knowledge-base actor, kept on write (store/totals.py, like 0008's tables): the explorer's most
-- active actors over the whole store without reading the participants (1M events: ~1 s from a participant
-- index, under load). An event counts once per actor however many of its participants the actor is. This
-- migration counts what an older store holds (tests/test_totals.py checks it builds the same table).
CREATE TABLE IF NOT EXISTS totals_by_actor (
    actor_id TEXT NOT NULL PRIMARY KEY,
    events   INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO totals_by_actor (actor_id, events)
    SELECT a.actor_id, count(DISTINCT a.event_id)
    FROM event_actors a JOIN events e ON e.event_id = a.event_id WHERE a.actor_id IS NOT NULL
    GROUP BY 1;
