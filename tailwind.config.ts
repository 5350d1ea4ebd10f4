import type { Config } from 'tailwindcss';

export default {
  content: ['./index.html', './src/app/**/*.{ts,tsx}'],
  darkMode: 'media',
  theme: { extend: {} },
} satisfies Config;
