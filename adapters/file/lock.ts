/**
 * One process per data folder: a `lock` file holding the owner's pid, created exclusively. A lock
 * left by a process that no longer runs is taken over; one held by a live process (this one
 * included: a second open in the same process is a bug too) fails with StoreLockedError.
 */
import { link, open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { StoreLockedError } from "../../src/ports/store.ts";

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists but belongs to another user, so it is alive.
		return (error as NodeJS.ErrnoException).code === "EPERM";
	}
}

/** Takes the folder's lock; returns the function that releases it. */
export async function lockFolder(dir: string): Promise<() => Promise<void>> {
	const path = join(dir, "lock");
	for (let attempt = 0; attempt < 2; attempt++) {
		// Write the pid to a private file, then link it into place: link fails when the lock exists,
		// and nobody ever sees a lock file without its pid.
		const mine = join(dir, `lock.${process.pid}`);
		const handle = await open(mine, "w");
		await handle.writeFile(`${process.pid}\n`);
		await handle.sync();
		await handle.close();
		try {
			await link(mine, path);
			return () => rm(path, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
		} finally {
			await rm(mine, { force: true });
		}
		const holder = Number.parseInt(await readFile(path, "utf8").catch(() => ""), 10);
		if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
			throw new StoreLockedError(
				`The data folder ${dir} is in use by process ${holder}. Run one kubecoach per folder, ` +
					"or set KUBECOACH_DATA_DIR to another folder (or REDIS_URL to share data between processes).",
			);
		}
		// A dead owner: take it over.
		await rm(path, { force: true });
	}
	throw new StoreLockedError(`Could not lock the data folder ${dir}: another process keeps taking it.`);
}
