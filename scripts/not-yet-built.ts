const what = process.argv[2] ?? 'this command';
console.log(`${what}: not yet built. See the open issues; the README lists what works today.`);
