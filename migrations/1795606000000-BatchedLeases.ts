import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (TypeORM has no functions): `lease_tasks` leases tasks for several annotators (of one
 * project or several) in one call, so that concurrent `next` requests share one round trip and one commit.
 *
 * For annotator i it does what one lease statement did: resume their live lease in the project, else
 * take the first open item from the floor they never had (`FOR UPDATE SKIP LOCKED`: concurrent calls
 * spread over different rows) and count it in `items.taken` in the same statement. With `gold[i]` it
 * first tries the gold pool (each gold item once per annotator, only while they still have regular
 * work), then the regular pool. The annotators are served in order, each statement seeing the
 * previous ones' leases, so two annotators of one call can share an item up to its overlap and an
 * annotator listed twice gets their first lease back.
 */
export class Migration implements MigrationInterface {
  name = 'BatchedLeases1795606000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION lease_tasks(p_projects integer[], p_annotators integer[], p_gold boolean[], p_lease_seconds integer[], p_floors integer[])
  RETURNS TABLE (t_ord integer, t_assignment integer, t_item integer, t_data jsonb, t_expires timestamptz, t_draft jsonb)
  LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  v_ord integer;
  v_annotator integer;
  v_project integer;
  v_seconds integer;
  v_floor integer;
BEGIN
  FOR v_ord IN 1 .. coalesce(array_length(p_annotators, 1), 0) LOOP
    v_annotator := p_annotators[v_ord];
    v_project := p_projects[v_ord];
    v_seconds := p_lease_seconds[v_ord];
    v_floor := p_floors[v_ord];
    IF p_gold[v_ord] THEN
      RETURN QUERY
      WITH live AS (
        SELECT a.id, a.item_id, a.expires_at, a.draft FROM assignments a
         WHERE a.annotator_id = v_annotator AND a.project_id = v_project AND a.status = 'leased' AND a.expires_at > now()
         ORDER BY a.id LIMIT 1
      ), picked AS (
        SELECT i.id FROM items i
         WHERE NOT EXISTS (SELECT 1 FROM live) AND i.project_id = v_project AND i.gold IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = v_annotator OFFSET 0)
           AND EXISTS (SELECT 1 FROM items r WHERE r.project_id = v_project AND r.id >= v_floor AND r.taken < r.overlap AND r.gold IS NULL
             AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = r.id AND a.annotator_id = v_annotator OFFSET 0))
         ORDER BY i.id LIMIT 1
         FOR UPDATE SKIP LOCKED
      ), bumped AS (
        UPDATE items SET taken = items.taken + 1 FROM picked WHERE items.id = picked.id RETURNING items.id, items.data
      ), leased AS (
        INSERT INTO assignments (project_id, item_id, annotator_id, status, expires_at)
        SELECT v_project, bumped.id, v_annotator, 'leased', now() + make_interval(secs => v_seconds) FROM bumped
        RETURNING id, item_id, expires_at
      )
      SELECT v_ord, live.id, live.item_id, items.data, live.expires_at, live.draft FROM live JOIN items ON items.id = live.item_id
      UNION ALL
      SELECT v_ord, leased.id, leased.item_id, bumped.data, leased.expires_at, NULL::jsonb FROM leased JOIN bumped ON bumped.id = leased.item_id;
      IF FOUND THEN CONTINUE; END IF;
    END IF;
    RETURN QUERY
    WITH live AS (
      SELECT a.id, a.item_id, a.expires_at, a.draft FROM assignments a
       WHERE a.annotator_id = v_annotator AND a.project_id = v_project AND a.status = 'leased' AND a.expires_at > now()
       ORDER BY a.id LIMIT 1
    ), picked AS (
      SELECT i.id FROM items i
       WHERE NOT EXISTS (SELECT 1 FROM live) AND i.project_id = v_project AND i.id >= v_floor AND i.taken < i.overlap AND i.gold IS NULL
         -- OFFSET 0 keeps this a per-row probe of the (item, annotator) key, not a scan of the annotator's whole history.
         AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = v_annotator OFFSET 0)
       ORDER BY i.id LIMIT 1
       FOR UPDATE SKIP LOCKED
    ), bumped AS (
      UPDATE items SET taken = items.taken + 1 FROM picked WHERE items.id = picked.id RETURNING items.id, items.data
    ), leased AS (
      INSERT INTO assignments (project_id, item_id, annotator_id, status, expires_at)
      SELECT v_project, bumped.id, v_annotator, 'leased', now() + make_interval(secs => v_seconds) FROM bumped
      RETURNING id, item_id, expires_at
    )
    SELECT v_ord, live.id, live.item_id, items.data, live.expires_at, live.draft FROM live JOIN items ON items.id = live.item_id
    UNION ALL
    SELECT v_ord, leased.id, leased.item_id, bumped.data, leased.expires_at, NULL::jsonb FROM leased JOIN bumped ON bumped.id = leased.item_id;
  END LOOP;
END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION lease_tasks(integer[], integer[], boolean[], integer[], integer[])`);
  }
}
