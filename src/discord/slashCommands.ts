/**
 * The slash commands as Discord registers them: names, descriptions, options with length limits, which
 * options autocomplete, and where they work (servers and DMs with the bot). deploy-commands sends these;
 * the tests check the bot answers every one.
 */
import {
  ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { MAX_INPUT_CHARS } from '../input/checkInput.ts';

const NAME_MAX = 100;

function base(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
}

export function slashCommands(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    base('who', 'Who a person, organisation or place is, in the articles\' own words')
      .addStringOption((o) => o.setName('name').setDescription('A name, or part of one ("gamliel")').setRequired(true).setMaxLength(NAME_MAX).setAutocomplete(true)),
    base('quote', 'What someone said, verbatim, with the article and paragraph')
      .addStringOption((o) => o.setName('name').setDescription('Who said it').setRequired(true).setMaxLength(NAME_MAX).setAutocomplete(true))
      .addStringOption((o) => o.setName('topic').setDescription('Only quotations about this ("iran")').setMaxLength(NAME_MAX)),
    base('timeline', 'What happened when: a year, a month, a range, or a name')
      .addStringOption((o) => o.setName('when').setDescription('2022, July 2021, 2021-07, 2021..2023, or a name').setRequired(true).setMaxLength(NAME_MAX)),
    base('search', 'The passages that best match some words')
      .addStringOption((o) => o.setName('text').setDescription('Words to look for').setRequired(true).setMaxLength(MAX_INPUT_CHARS)),
    base('onthisday', 'What happened on this day in any year, and daily posts of it')
      .addSubcommand((c) => c.setName('today').setDescription('What happened on this day (or another) in any year: a preview only you see')
        .addStringOption((o) => o.setName('day').setDescription('MM-DD, e.g. 06-22 (default: today)').setMaxLength(20)))
      // Subscribing needs Manage Channels: checked when it runs, since Discord can only require a
      // permission for a whole command and everyone may preview.
      .addSubcommand((c) => c.setName('subscribe').setDescription('Post what happened on this day here, every day (needs Manage Channels)')
        .addStringOption((o) => o.setName('time').setDescription('Local time HH:MM (default 09:00)').setMaxLength(8))
        .addStringOption((o) => o.setName('timezone').setDescription('IANA time zone, e.g. Asia/Jerusalem (default UTC)').setMaxLength(64).setAutocomplete(true)))
      .addSubcommand((c) => c.setName('unsubscribe').setDescription('Stop the daily post in this channel (needs Manage Channels)'))
      .addSubcommand((c) => c.setName('status').setDescription('Whether this channel gets the daily post, and when the next one comes')),
    base('about', 'What the articles are: titles, outlets, dates, counts'),
    base('help', 'The commands, with examples'),
  ].map((b) => b.toJSON());
}

/** The command's argument string from its options, in the order the core command expects. */
export function argsFromOptions(command: string, get: (option: string) => string | null): string {
  switch (command) {
    case 'who':
      return get('name') ?? '';
    case 'quote': {
      const topic = get('topic');
      return topic ? `${get('name') ?? ''} about ${topic}` : get('name') ?? '';
    }
    case 'timeline':
      return get('when') ?? '';
    case 'search':
      return get('text') ?? '';
    case 'onthisday':
      return get('day') ?? '';
    case 'subscribe':
      return [get('time'), get('timezone')].filter(Boolean).join(' ');
    default:
      return '';
  }
}
