import { chromium } from '@playwright/test';
import LZ from 'lz-string';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const base = 'http://127.0.0.1:4799/';
// phone, dark
let p = await b.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
p.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
await p.goto(base); await p.waitForSelector('.card .recharts-surface'); await p.waitForTimeout(800);
await p.screenshot({ path: '/tmp/phone.png', fullPage: false });
await p.close();
// embed locked
const sc = await (await fetch(base)).text();
p = await b.newPage({ viewport: { width: 800, height: 600 } });
await p.goto(base); await p.waitForSelector('.card .recharts-surface');
const link = await p.evaluate(() => location.href);
const u = new URL(link); u.searchParams.set('embed', '1'); u.searchParams.set('from', '5'); u.searchParams.set('to', '25'); u.searchParams.set('step', '12');
await p.goto(u.toString()); await p.waitForSelector('.card .recharts-surface'); await p.waitForTimeout(800);
await p.screenshot({ path: '/tmp/embed.png' });
await p.close();
// inspector with source, dark desktop
p = await b.newPage({ viewport: { width: 1280, height: 720 }, colorScheme: 'dark' });
await p.goto(link); await p.waitForSelector('.card .recharts-surface');
await p.getByRole('button', { name: 'Next blocked request' }).click();
await p.getByRole('button', { name: 'Show the code that decided' }).click();
await p.waitForSelector('.code'); await p.waitForTimeout(500);
await p.screenshot({ path: '/tmp/dark.png' });
await b.close();
