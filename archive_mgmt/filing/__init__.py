"""Filing: archive items, dossiers, handover, the catalogue import and exports, filing deadlines and prints."""
