// What a user reads while the database is down: on the 503 page proxy.ts answers with
// (lib/http/unavailable-page.ts) and on the error page of a render that lost the database midway (app/error.tsx).
export const DATABASE_DOWN_TITLE = "Backline cannot reach its database";
export const DATABASE_DOWN_MESSAGE = "The database is not answering right now. Nothing you already saved is lost. Wait a moment, then try again.";
