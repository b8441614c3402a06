-- lease_assignments: leases items (assignments) to several annotators (of one project or several) in one
-- call, so that concurrent `next` requests share one round trip and one commit. Installed by the migration
-- LeaseTasksFromFile (as lease_tasks), renamed by RenameLeaseTasksToLeaseAssignments; a medium test checks
-- that the database's function is this file. A change here needs a migration that installs it again.
--
-- For annotator i: resume their live lease in the project (`resumed`: a reload does not take a second
-- share of the budget), else take the first open item they never had (`leased`), counting it in
-- `items.taken` in the same statement. FOR UPDATE SKIP LOCKED spreads concurrent calls over different
-- rows; the lock re-checks the pool's condition on the newest row version, so an item never gets more
-- than its overlap. The annotators are served in order, each statement seeing the previous ones'
-- leases, so two annotators of one call can share an item up to its overlap and an annotator listed
-- twice gets their first lease back.
--
-- Pools: a regular item is open while `taken < overlap`, scanned from `p_scan_from[i]` (the lowest item
-- id that may still be open, as the caller last saw it). A gold item is open to every annotator once
-- (its answer is known: it checks them, it needs no more labels), and only while the annotator still
-- has regular work, so that a request arriving after the regular ones ran out cannot give gold away. With
-- `p_gold[i]` the gold pool is tried first, then the regular one.
--
-- New annotators (fewer than `p_min_accepted` accepted labels: labels whose ledger entries add up to
-- more than zero) hold at most `p_max_new_leases` live leases across all projects (`capped`: no lease),
-- so throwaway wallets cannot park leases on many projects' budgets. Established annotators only pay
-- for one count of their live leases per new lease; the ledger is read only when that count reaches
-- the cap. Each annotator of the call is locked (advisory key 7243570, in id order, so that concurrent
-- calls cannot deadlock) for the call's transaction: requests of one annotator in flight at once
-- cannot both pass the cap. `p_min_accepted` 0 turns the cap off. No row for i: nothing is open.
CREATE FUNCTION lease_assignments(p_projects integer[], p_annotators integer[], p_gold boolean[], p_lease_seconds integer[], p_scan_from integer[],
                                  p_max_new_leases integer, p_min_accepted integer)
  RETURNS TABLE (t_ord integer, t_assignment integer, t_item integer, t_data jsonb, t_expires timestamptz, t_draft jsonb, t_outcome text)
  LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  v_ord integer;
  v_annotator integer;
  v_project integer;
  v_seconds integer;
  v_scan_from integer;
  v_capped boolean;
  v_gold boolean;
  v_served boolean;
BEGIN
  IF p_min_accepted > 0 THEN
    FOR v_annotator IN SELECT DISTINCT x FROM unnest(p_annotators) AS x ORDER BY x LOOP
      PERFORM pg_advisory_xact_lock(7243570, v_annotator);
    END LOOP;
  END IF;
  FOR v_ord IN 1 .. coalesce(array_length(p_annotators, 1), 0) LOOP
    v_annotator := p_annotators[v_ord];
    v_project := p_projects[v_ord];
    v_seconds := p_lease_seconds[v_ord];
    v_scan_from := p_scan_from[v_ord];
    -- Their live leases (a live one in this project is resumed whatever the count), then, only at the
    -- cap, whether they are new.
    v_capped := false;
    IF p_min_accepted > 0 AND (SELECT count(*) FROM assignments a
         WHERE a.annotator_id = v_annotator AND a.status = 'leased' AND a.expires_at > now()) >= p_max_new_leases THEN
      v_capped := (SELECT count(*) FROM (
          SELECT 1 FROM ledger_entries l WHERE l.annotator_id = v_annotator AND l.annotation_id IS NOT NULL
           GROUP BY l.annotation_id HAVING sum(l.amount) > 0 LIMIT p_min_accepted) accepted) < p_min_accepted;
    END IF;
    v_served := false;
    FOREACH v_gold IN ARRAY CASE WHEN p_gold[v_ord] THEN ARRAY[true, false] ELSE ARRAY[false] END LOOP
      RETURN QUERY
      WITH live AS (
        SELECT a.id, a.item_id, a.expires_at, a.draft FROM assignments a
         WHERE a.annotator_id = v_annotator AND a.project_id = v_project AND a.status = 'leased' AND a.expires_at > now()
         ORDER BY a.id LIMIT 1
      ), picked AS (
        -- One arm per pool, each scanned through its own partial index; the kind not wanted is switched
        -- off before it runs (a one-time filter), so one cached plan serves both kinds. (A single scan
        -- whose condition depends on the kind cannot use either index in that plan.)
        SELECT pool.id FROM (
          SELECT gold.id FROM (
            SELECT i.id FROM items i
             WHERE v_gold AND i.project_id = v_project AND i.gold IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = v_annotator OFFSET 0)
               AND EXISTS (SELECT 1 FROM items r WHERE r.project_id = v_project AND r.id >= v_scan_from AND r.taken < r.overlap AND r.gold IS NULL
                 AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = r.id AND a.annotator_id = v_annotator OFFSET 0))
             ORDER BY i.id LIMIT 1
             FOR UPDATE SKIP LOCKED) gold
          UNION ALL
          SELECT regular.id FROM (
            SELECT i.id FROM items i
             WHERE NOT v_gold AND i.project_id = v_project AND i.id >= v_scan_from AND i.taken < i.overlap AND i.gold IS NULL
               -- OFFSET 0 keeps this a per-row probe of the (item, annotator) key, not a scan of the annotator's whole history.
               AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator_id = v_annotator OFFSET 0)
             ORDER BY i.id LIMIT 1
             FOR UPDATE SKIP LOCKED) regular
        ) pool
        WHERE NOT v_capped AND NOT EXISTS (SELECT 1 FROM live)
      ), bumped AS (
        UPDATE items SET taken = items.taken + 1 FROM picked WHERE items.id = picked.id RETURNING items.id, items.data
      ), leased AS (
        INSERT INTO assignments (project_id, item_id, annotator_id, status, expires_at)
        SELECT v_project, bumped.id, v_annotator, 'leased', now() + make_interval(secs => v_seconds) FROM bumped
        RETURNING id, item_id, expires_at
      )
      SELECT v_ord, live.id, live.item_id, items.data, live.expires_at, live.draft, 'resumed' FROM live JOIN items ON items.id = live.item_id
      UNION ALL
      SELECT v_ord, leased.id, leased.item_id, bumped.data, leased.expires_at, NULL::jsonb, 'leased' FROM leased JOIN bumped ON bumped.id = leased.item_id;
      v_served := FOUND;
      EXIT WHEN v_served;
    END LOOP;
    IF NOT v_served AND v_capped THEN
      RETURN QUERY SELECT v_ord, NULL::integer, NULL::integer, NULL::jsonb, NULL::timestamptz, NULL::jsonb, 'capped';
    END IF;
  END LOOP;
END $$;
