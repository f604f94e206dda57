import { MemoryObjectReader } from "../fakes/memory-object-reader.ts";
import { objectReaderContract } from "./object-reader.contract.ts";

objectReaderContract("in memory", async () => {
	const reader = new MemoryObjectReader();
	return { reader, seed: (objects) => reader.seed(objects), close: async () => {} };
});
