// A bad configuration stops the server at start-up with a message naming the variable,
// instead of failing on the first request.
import { env, EnvError } from "./env";

export function checkConfigurationOrExit(): void {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
