// npm run load: the load run (load-run.mjs) on the server kit's two-node cluster. The profile is
// set here, before any module loads the kit: static imports are evaluated before a module's own
// code, so setting it in load-run.mjs itself came too late (the kit had read the default).
process.env.ETHORA_KIT_PROFILE = 'cluster';
await import('./load-run.mjs');
