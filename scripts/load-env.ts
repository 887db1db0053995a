// Imported first by command-line scripts, so .env is in process.env before lib/env reads it.
// Variables already set in the environment win over .env.
import { config } from "dotenv";

config({ quiet: true });
