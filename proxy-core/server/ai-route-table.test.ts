import express from 'express';
import { describe, expect, it } from 'vitest';
import { AiRouteTable } from './ai-route-table.js';
import { RouteCatalog } from './route-catalog.js';

function table() {
  const catalog = new RouteCatalog();
  const routes = new AiRouteTable(express.Router(), catalog);
  const chat = async () => {};
  const gemini = async () => {};
  routes.post('/v1/chat/completions', chat);
  routes.post('/v1beta/models/:modelAndMethod', gemini, ['/v1beta/models/:model:generateContent']);
  return { routes, catalog, chat, gemini };
}

describe('AiRouteTable', () => {
  it('matches literal paths exactly, and a trailing parameter decoded', () => {
    const { routes, chat, gemini } = table();
    expect(routes.match('/v1/chat/completions')).toEqual({ handle: chat, params: {} });
    expect(routes.match('/v1beta/models/gemini-3-flash%3AgenerateContent')).toEqual({
      handle: gemini,
      params: { modelAndMethod: 'gemini-3-flash:generateContent' },
    });
  });

  it('leaves every other spelling to Express', () => {
    const { routes } = table();
    for (const path of ['/v1/chat/completions/', '/V1/chat/completions', '/v1/chat', '/v1beta/models/', '/v1beta/models/a/b', '/v1beta/models/%E0%A4%A']) {
      expect(routes.match(path)).toBeUndefined();
    }
  });

  it('lists the routes for the 404 hints', () => {
    const { catalog } = table();
    expect(catalog.list()).toEqual([
      { method: 'POST', path: '/v1/chat/completions' },
      { method: 'POST', path: '/v1beta/models/:model:generateContent' },
    ]);
  });
});
