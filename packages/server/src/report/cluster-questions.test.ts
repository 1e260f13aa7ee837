import { describe, expect, it } from 'vitest';
import { clusterQuestions } from './cluster-questions.js';

describe('clusterQuestions', () => {
  it('groups Chinese questions into topics by their words, named by those words', () => {
    const questions = [
      '如何配置代理服务器？',
      '公司网络需要代理，怎么配置？',
      '代理服务器的密码怎么写？',
      '怎样把日志写入文件？',
      '日志文件保存在哪里？',
      '如何关闭日志文件？',
    ];
    const clusters = clusterQuestions(
      questions,
      [],
      questions.map(() => 'zh'),
    );
    expect(clusters.map((cluster) => cluster.members.sort())).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(clusters[0]!.words).toContain('代理');
    expect(clusters[1]!.words).toContain('日志');
  });

  it('reads each question in its own locale', () => {
    const clusters = clusterQuestions(
      ['How do I configure the proxy?', 'Proxy configuration for the company network', '如何配置代理？'],
      [],
      ['en', 'en', 'zh'],
    );
    expect(clusters[0]!.members.sort()).toEqual([0, 1]);
    expect(clusters[0]!.words).toContain('proxy');
  });
});
