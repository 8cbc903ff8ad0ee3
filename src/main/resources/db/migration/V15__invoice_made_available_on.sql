-- The délai global de paiement of a Chorus Pro invoice starts on the day Chorus Pro made it
-- available to the buyer (its dateDepot), not on the day the relève brought it into Facteur (which
-- may be later: a relève that failed for a day, the take-over of a backlog at go-live). Null for the
-- other channels, whose clock starts when Facteur receives them (created_at, Paris day).
ALTER TABLE invoice ADD COLUMN made_available_on DATE;
COMMENT ON COLUMN invoice.made_available_on IS
    'Chorus Pro: the day it was made available to the buyer (dateDepot); null for the other channels';
